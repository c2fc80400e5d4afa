/** The built-in presets: plain policy files, in sync with the bundled copies, valid against the JSON schema. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../src/cli/commands/docs.js';
import { loadPreset } from '../../src/policy/load.js';
import { PRESETS, PRESET_NAMES } from '../../src/policy/presets.js';
import { settingFor } from '../../src/policy/settings.js';
import { repo, scanWith } from './_helpers.js';
import { loadPolicy } from '../../src/policy/load.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('presets', () => {
  it('are bundled verbatim from policies/*.yml', () => {
    expect(PRESET_NAMES).toEqual(['recommended', 'strict']);
    for (const name of PRESET_NAMES)
      expect(readFileSync(path.join(ROOT, 'policies', `${name}.yml`), 'utf8'), name).toBe(PRESETS[name]);
  });

  it('validate against docs/policy.schema.json, which matches the zod schema, and the schema rejects unknown keys', () => {
    const onDisk = readFileSync(path.join(ROOT, 'docs/policy.schema.json'), 'utf8');
    expect(onDisk).toBe(policyJsonSchema());
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(onDisk));
    for (const name of PRESET_NAMES)
      expect(validate(parse(PRESETS[name])), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    expect(validate({ 'fial-on': 'error' })).toBe(false);
    expect(validate({ rules: { 'sandbox-required': { severity: 'fatal' } } })).toBe(false);
  });

  it('strict tightens recommended: container isolation, closed egress, limits and warnings fail', () => {
    const recommended = loadPreset('recommended');
    const strict = loadPreset('strict');
    expect([recommended.failOn, strict.failOn]).toEqual(['error', 'warning']);
    expect(settingFor(strict, 'sandbox-required', 'error')).toEqual({
      severity: 'error',
      options: { minimum: 'container' },
    });
    for (const id of ['egress-restricted', 'filesystem-scoped', 'limits-required']) {
      expect(settingFor(recommended, id, 'warning').severity, id).toBe('warning');
      expect(settingFor(strict, id, 'warning').severity, id).toBe('error');
    }
    expect(strict.templated).toBe('fail');
    expect(strict.suppressions.maxDays).toBe(90);
  });

  it('strict allows write credentials only with restricted approval, through its custom rule', () => {
    const agents = `agents:
  unasked:
    sandbox:
      credentials: write
      approval: unrestricted
  allowlisted:
    sandbox:
      credentials: write
      approval: restricted
  reader:
    sandbox:
      credentials: read
`;
    const root = repo({ 'agents.yml': agents });
    const report = scanWith(root, loadPolicy({ root, text: 'extends: strict\n' }));
    const found = report.findings.filter((f) => f.ruleId === 'write-credentials-need-approval');
    expect(found.map((f) => `${f.line}:${f.column} ${f.severity} ${f.deployment}`)).toEqual([
      '4:7 error k8s-workload:agents.yml#unasked',
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'credentials-scoped').map((f) => f.severity)).toEqual([
      'notice',
      'notice',
    ]);
  });
});
