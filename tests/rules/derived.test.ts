/** Derived facts: one missing sandbox is one finding, not one per consequence. */
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { writeRepo } from '../helpers/temp-repo.js';

function scanFiles(files: Record<string, string>) {
  const root = writeRepo(files);
  return scanDirectory({ root, policy: defaultPolicy(), listing: Object.keys(files) }).report;
}

describe('derived facts', () => {
  it('reports a Claude settings file without a sandbox once, as the missing sandbox', () => {
    const report = scanFiles({ '.claude/settings.json': '{ "permissions": { "allow": ["Read"] } }\n' });
    const [deployment] = report.deployments;
    expect(deployment!.sandbox.filesystem.value).toBe('full');
    expect(deployment!.sandbox.network.value).toBe('open');
    expect(report.findings.map((f) => f.ruleId)).toEqual(['sandbox-required']);
  });

  it('still reports a widened file system that a line declares', () => {
    const report = scanFiles({
      '.claude/settings.json': '{\n  "sandbox": { "enabled": true, "filesystem": { "allowWrite": ["/"] } }\n}\n',
    });
    expect(report.findings.filter((f) => f.ruleId === 'filesystem-scoped').map((f) => f.line)).toEqual([2]);
  });
});
