/** engine/govern: a change's own suppressions and exceptions, told from its base by text, count only once approved. */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import type { ChangeBaseline } from '../../src/engine/govern.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/model/report.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import { RULES } from '../../src/rules/index.js';
import { verdict } from '../../src/report/view.js';
import {
  SUPPRESSED_WORKFLOW as SUPPRESSED,
  UNSUPPRESSED_WORKFLOW as UNSUPPRESSED,
} from '../helpers/suppressed-workflow.js';

const WORKFLOW = '.github/workflows/agents.yml';

function policy(text = ''): ResolvedPolicy {
  return loadPolicy({ root: '/nonexistent', policyPath: '.github/agent-sandbox.yml', text, readFile: () => null });
}

function run(files: Record<string, string>, p: ResolvedPolicy, baseline?: ChangeBaseline): ScanReport {
  return scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) => ({ ok: true, text: files[file]! }),
    policy: p,
    adapters: ADAPTERS,
    rules: RULES,
    today: '2026-01-01',
    ...(baseline ? { baseline } : {}),
  }).report;
}

const base = (files: Record<string, string>, approvedBy: string[] = []): ChangeBaseline => ({
  name: 'this pull request',
  text: (file) => files[file] ?? null,
  approvedBy,
});

const errorsOf = (r: ScanReport) => r.findings.filter((f) => f.severity === 'error');

describe('suppressions a pull request adds', () => {
  it('without a base, suppress as before and the verdict says how many', () => {
    const r = run({ [WORKFLOW]: SUPPRESSED }, policy());
    expect(r.result).toBe('pass');
    expect(errorsOf(r).every((f) => f.suppressed && f.suppression?.source === 'base')).toBe(true);
    expect(verdict(r)).toBe('1 agent deployment passes the sandbox policy with 2 findings suppressed.');
  });

  it('fails under the default policy when the base lacks them, and marks each as the change’s own', () => {
    const r = run({ [WORKFLOW]: SUPPRESSED }, policy(), base({}));
    expect(r.result).toBe('fail');
    const errors = errorsOf(r);
    expect(errors.map((f) => [f.ruleId, f.line])).toEqual([
      ['sandbox-required', 3],
      ['approval-bypassed', 6],
    ]);
    for (const f of errors) {
      expect(f.suppressed).toBeNull();
      expect(f.suppression).toMatchObject({ source: 'pull-request', applied: false, kind: 'inline' });
    }
    expect(errors[0]!.suppression!.by).toBe(`${WORKFLOW}:3`);
    expect(r.change).toEqual({ name: 'this pull request', fromPullRequest: 'govern', approvers: [], approvedBy: [] });
    expect(verdict(r)).toMatch(/2 of them are suppressed by this pull request, which needs an approver's review\.$/);
  });

  it('counts them once an approver approved, and says by whom', () => {
    const r = run({ [WORKFLOW]: SUPPRESSED }, policy('suppressions:\n  approvers: [alice]\n'), base({}, ['alice']));
    expect(r.result).toBe('pass');
    expect(errorsOf(r).map((f) => f.suppression)).toEqual([
      expect.objectContaining({ source: 'pull-request', applied: true, approvedBy: ['alice'] }),
      expect.objectContaining({ source: 'pull-request', applied: true, approvedBy: ['alice'] }),
    ]);
    expect(verdict(r)).toBe(
      '1 agent deployment passes the sandbox policy with 2 findings suppressed, 2 of them by this pull request.',
    );
  });

  it('honour lets them count at once, still marked as the change’s own', () => {
    const r = run({ [WORKFLOW]: SUPPRESSED }, policy('suppressions:\n  from-pull-request: honour\n'), base({}));
    expect(r.result).toBe('pass');
    expect(errorsOf(r).every((f) => f.suppression?.source === 'pull-request' && f.suppression.applied)).toBe(true);
  });

  it('keeps a suppression on the base: same rule on the same code, even when lines move', () => {
    const moved = `# a new comment line\n${SUPPRESSED}`;
    const r = run({ [WORKFLOW]: moved }, policy(), base({ [WORKFLOW]: SUPPRESSED }));
    expect(r.result).toBe('pass');
    expect(errorsOf(r).every((f) => f.suppression?.source === 'base')).toBe(true);
  });

  it('treats a widened suppression (a rule added to the list) as the change’s own for that rule only', () => {
    const before = SUPPRESSED.replace('ignore[approval-bypassed] reviewed', 'ignore[egress-restricted] reviewed');
    const after = SUPPRESSED.replace(
      'ignore[approval-bypassed] reviewed',
      'ignore[egress-restricted, approval-bypassed] reviewed',
    );
    const r = run({ [WORKFLOW]: after }, policy(), base({ [WORKFLOW]: before }));
    const byRule = Object.fromEntries(errorsOf(r).map((f) => [f.ruleId, f.suppression?.source]));
    expect(byRule).toEqual({ 'sandbox-required': 'base', 'approval-bypassed': 'pull-request' });
    expect(r.result).toBe('fail');
  });

  it('moves a base suppression onto other code: the change’s own', () => {
    const other = SUPPRESSED.replace('fix:', 'other:');
    const r = run({ [WORKFLOW]: other }, policy(), base({ [WORKFLOW]: SUPPRESSED }));
    const rule = errorsOf(r).find((f) => f.ruleId === 'sandbox-required')!;
    expect(rule.suppression?.source).toBe('pull-request');
  });
});

describe('exceptions', () => {
  const legacy =
    'exceptions:\n  - rule: sandbox-required\n    paths: [".github/workflows/legacy-*.yml"]\n    reason: legacy runners\n';
  const files = {
    '.github/workflows/legacy-old.yml': UNSUPPRESSED,
    '.github/workflows/legacy-new.yml': UNSUPPRESSED,
  };

  it('a base glob reaching a file the change adds is shown as such and does not count', () => {
    const p = policy(`${legacy}rules:\n  approval-bypassed: off\n`);
    const r = run(files, p, base({ '.github/workflows/legacy-old.yml': UNSUPPRESSED }));
    const byFile = Object.fromEntries(
      errorsOf(r)
        .filter((f) => f.ruleId === 'sandbox-required')
        .map((f) => [f.file, f.suppression]),
    );
    expect(byFile['.github/workflows/legacy-old.yml']).toMatchObject({ source: 'base', applied: true });
    expect(byFile['.github/workflows/legacy-new.yml']).toMatchObject({
      source: 'pull-request',
      applied: false,
      note: 'covered by exception `.github/workflows/legacy-*.yml` written for other files',
    });
    expect(r.result).toBe('fail');
  });

  it('`deployments:` pins exact ids, so no glob is needed and nothing else is covered', () => {
    const p = policy(
      'rules:\n  approval-bypassed: off\nexceptions:\n  - rule: sandbox-required\n    deployments: ["workflow-job:.github/workflows/legacy-old.yml#fix"]\n    reason: legacy runner\n',
    );
    const r = run(files, p, base({ '.github/workflows/legacy-old.yml': UNSUPPRESSED }));
    const suppressedFiles = r.findings.filter((f) => f.suppressed).map((f) => f.file);
    expect(suppressedFiles).toEqual(['.github/workflows/legacy-old.yml']);
  });

  it('an exception the change’s own policy adds needs an approver too', () => {
    const added = policy(legacy).exceptions;
    const p = policy('rules:\n  approval-bypassed: off\n');
    const r = run({ '.github/workflows/legacy-old.yml': UNSUPPRESSED }, p, {
      ...base({ '.github/workflows/legacy-old.yml': UNSUPPRESSED }),
      addedExceptions: added,
    });
    expect(errorsOf(r)[0]!.suppression).toMatchObject({ source: 'pull-request', applied: false, kind: 'policy' });
    expect(r.result).toBe('fail');
    expect(r.findings.some((f) => f.ruleId === 'suppression-unused')).toBe(false);
  });
});
