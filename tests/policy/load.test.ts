/** Loading: where the policy comes from, `extends` resolution and how layers merge (later wins). */
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { loadPolicy } from '../../src/policy/load.js';
import { settingFor } from '../../src/policy/settings.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { repo } from './_helpers.js';

const severityOf = (policy: ReturnType<typeof loadPolicy>, id: string) => {
  const rule = ALL_RULES.find((r) => r.meta.id === id)!;
  const setting = settingFor(policy, id, rule.meta.defaultSeverity);
  return { severity: setting.severity, options: rule.options.parse(setting.options) };
};

describe('loadPolicy: finding the policy', () => {
  it('uses the built-in recommended preset when the repository has no policy, equal in effect to defaultPolicy()', () => {
    const loaded = loadPolicy({ root: repo({}) });
    expect(loaded.source).toBe('built-in:recommended');
    const defaults = defaultPolicy();
    for (const rule of ALL_RULES)
      expect(severityOf(loaded, rule.meta.id), rule.meta.id).toEqual(severityOf(defaults, rule.meta.id));
    const { rules: _a, source: _b, ...rest } = loaded;
    const { rules: _c, source: _d, ...expected } = defaults;
    expect(rest).toEqual(expected);
  });

  it('reads .github/agent-sandbox.yml or .yaml, and refuses to guess when both exist', () => {
    expect(loadPolicy({ root: repo({ '.github/agent-sandbox.yaml': 'fail-on: notice\n' }) })).toMatchObject({
      source: '.github/agent-sandbox.yaml',
      failOn: 'notice',
    });
    const both = repo({ '.github/agent-sandbox.yml': '{}\n', '.github/agent-sandbox.yaml': '{}\n' });
    expect(() => loadPolicy({ root: both })).toThrow(
      /both \.github\/agent-sandbox\.yml and \.github\/agent-sandbox\.yaml exist/,
    );
  });

  it('takes a policy path relative to the root or absolute, and fails closed when it is missing', () => {
    const root = repo({ 'ci/policy.yml': 'fail-on: warning\n' });
    expect(loadPolicy({ root, policyPath: 'ci/policy.yml' })).toMatchObject({
      source: 'ci/policy.yml',
      failOn: 'warning',
    });
    expect(loadPolicy({ root, policyPath: `${root}/ci/policy.yml` }).source).toBe('ci/policy.yml');
    expect(() => loadPolicy({ root, policyPath: 'ci/nope.yml' })).toThrow(PolicyError);
    try {
      loadPolicy({ root, policyPath: 'ci/nope.yml' });
    } catch (error) {
      expect((error as PolicyError).position).toEqual({ file: 'ci/nope.yml' });
    }
  });

  it("uses given text (the base commit's policy) instead of the working tree, and reads extended files through readFile", () => {
    const root = repo({ '.github/agent-sandbox.yml': 'fail-on: never\n', 'org.yml': 'fail-on: never\n' });
    expect(loadPolicy({ root, text: 'fail-on: notice\n' })).toMatchObject({
      source: '.github/agent-sandbox.yml',
      failOn: 'notice',
    });
    const read = (file: string) => (file === 'org.yml' ? 'fail-on: warning\n' : null);
    expect(loadPolicy({ root, text: 'extends: ./org.yml\n', readFile: read }).failOn).toBe('warning');
  });
});

describe('loadPolicy: extends and merging', () => {
  it('builds on recommended unless `extends` says otherwise', () => {
    const root = repo({ '.github/agent-sandbox.yml': 'rules:\n  limits-required: off\n' });
    const loaded = loadPolicy({ root });
    expect(severityOf(loaded, 'limits-required').severity).toBe('off');
    expect(severityOf(loaded, 'sandbox-required')).toEqual({ severity: 'error', options: { minimum: 'process' } });
    expect(loadPolicy({ root, text: 'extends: []\n' }).rules).toEqual({});
  });

  it('lets a later layer change a severity while keeping options, or an option while keeping the severity', () => {
    const root = repo({});
    const severityOnly = loadPolicy({ root, text: 'extends: strict\nrules:\n  sandbox-required: warning\n' });
    expect(severityOf(severityOnly, 'sandbox-required')).toEqual({
      severity: 'warning',
      options: { minimum: 'container' },
    });
    const optionOnly = loadPolicy({
      root,
      text: 'extends: strict\nrules:\n  sandbox-required:\n    options: { minimum: gvisor }\n',
    });
    expect(severityOf(optionOnly, 'sandbox-required')).toEqual({ severity: 'error', options: { minimum: 'gvisor' } });
  });

  it('applies extends entries in order, then the file itself', () => {
    const root = repo({
      'policies/relaxed.yml': 'extends: []\nfail-on: error\nonly: [sandbox-required, sandbox-disabled]\n',
    });
    const loaded = loadPolicy({ root, text: 'extends: [strict, policies/relaxed.yml]\ntemplated: report\n' });
    expect(loaded.failOn).toBe('error');
    expect(loaded.only).toEqual(['sandbox-required', 'sandbox-disabled']);
    expect(loaded.templated).toBe('report');
    expect(loaded.customRules.map((r) => r.id)).toEqual(['write-credentials-need-approval']);
    expect(loadPolicy({ root, text: 'extends: [policies/relaxed.yml, strict]\n' }).failOn).toBe('warning');
  });

  it('keeps exceptions of every layer with their own positions, and lets a later custom rule replace one of the same id', () => {
    const root = repo({
      'org.yml':
        'extends: strict\nexceptions:\n  - rule: limits-required\n    reason: org-wide batch jobs\ncustom-rules:\n  - id: write-credentials-need-approval\n    message: replaced\n    require: { fact: credentials, equals: none }\n',
    });
    const loaded = loadPolicy({
      root,
      text: 'extends: ./org.yml\nexceptions:\n  - rule: sandbox-required\n    reason: local\n',
    });
    expect(loaded.exceptions.map((e) => `${e.rule} ${e.at.file}:${e.at.range.line}:${e.at.range.column}`)).toEqual([
      'limits-required org.yml:3:5',
      'sandbox-required .github/agent-sandbox.yml:3:5',
    ]);
    expect(loaded.customRules).toHaveLength(1);
    expect(loaded.customRules[0]).toMatchObject({ message: 'replaced', source: 'org.yml:6' });
  });

  it('merges detector settings key by key and keeps the defaults of keys nobody set', () => {
    const root = repo({ 'base.yml': 'detect:\n  agent-images: ["ghcr.io/acme/agent*"]\n' });
    const loaded = loadPolicy({ root, text: 'extends: [./base.yml]\ndetect:\n  agent-env: [ACME_LLM_KEY]\n' });
    expect(loaded.detect['agent-images']).toEqual(['ghcr.io/acme/agent*']);
    expect(loaded.detect['agent-env']).toEqual(['ACME_LLM_KEY']);
    expect(loaded.detect['gvisor-runtime-classes']).toEqual(['gvisor', 'runsc', 'gvisor-*']);
  });

  it('never reads outside the repository', () => {
    const root = repo({});
    for (const entry of ['../outside.yml', '/etc/passwd']) {
      expect(() => loadPolicy({ root, text: `extends: ${entry}\n` }), entry).toThrow(/leaves the repository/);
    }
  });
});
