/** Codex `.codex/rules/*.rules`: prefix rules that let commands run outside the sandbox. */
import { describe, expect, it } from 'vitest';
import { lineOf, only, scanFiles } from './helpers.js';

const rule = (pattern: string, decision?: string): string =>
  `prefix_rule(\n    pattern = ${pattern},\n${decision === undefined ? '' : `    decision = ${decision},\n`})\n`;

describe('Codex rules files', () => {
  it('keeps the sandbox when every allowed prefix is one fixed command', () => {
    const scanned = scanFiles({ '.codex/rules/default.rules': rule('["git", ["status", "diff"]]', '"allow"') });
    const d = only(scanned);
    expect(d.agent).toBe('codex');
    expect(d.sandbox.isolation.value).toBe('process');
    expect(scanned.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['settings-sandbox-escape-hatch', 'notice', 2],
    ]);
  });

  it('is no sandbox when an allowed alternative runs anything, at that alternative', () => {
    const scanned = scanFiles({
      '.codex/rules/default.rules': rule('["git", ["status"]]', '"allow"') + rule('[["ls", "bash"], "-c"]', '"allow"'),
    });
    const isolation = only(scanned).sandbox.isolation;
    expect(isolation.value).toBe('none');
    expect(scanned.locate(isolation.source)).toMatchObject({ line: 6, column: 23 });
  });

  it('takes an omitted or unknown decision as allow, and prompt or forbidden as narrowing', () => {
    const allowed = (decision?: string) =>
      only(scanFiles({ '.codex/rules/default.rules': rule('["python3"]', decision) })).sandbox.isolation.value;
    expect([allowed(), allowed('"always"'), allowed('"prompt"'), allowed('"forbidden"')]).toEqual([
      'none',
      'none',
      'process',
      'process',
    ]);
  });

  it('reads a user rules file kept in a dotfiles repository, and no other .rules file', () => {
    const text = rule('["npm"]', '"allow"');
    expect(scanFiles({ 'home/dot_codex/rules/default.rules': text }).deployments).toHaveLength(1);
    expect(scanFiles({ 'apps/codex/rules/default.rules': text }).deployments).toHaveLength(1);
    expect(scanFiles({ 'firebase/firestore.rules': text, '.cursor/rules/x.rules': text }).deployments).toEqual([]);
  });

  it('reports a rules file it cannot read whole as unparsable, not as safe', () => {
    const scanned = scanFiles({
      '.codex/rules/default.rules': 'ALLOWED = ["git"] + ["npm"]\nprefix_rule(pattern = ALLOWED)\n',
    });
    expect(scanned.deployments).toEqual([]);
    expect(scanned.findings.map((f) => [f.ruleId, f.line])).toEqual([['unparsable-file', 1]]);
  });

  it('skips a rule whose pattern Codex would refuse', () => {
    const scanned = scanFiles({ '.codex/rules/default.rules': rule('"git"', '"allow"') });
    expect(only(scanned).sandbox.isolation.value).toBe('process');
    expect(lineOf(scanned, only(scanned).sandbox.isolation.source)).toBeNull();
  });
});

describe('Codex config: approvals reviewer and [agents] limits', () => {
  it('says a model answers the prompts under approvals_reviewer, at its line', () => {
    const scanned = scanFiles({
      '.codex/config.toml': 'approval_policy = "on-request"\napprovals_reviewer = "auto_review"\n',
    });
    const approval = only(scanned).sandbox.approval;
    expect([approval.value, lineOf(scanned, approval.source)]).toEqual(['unrestricted', 2]);
    expect(approval.reason).toContain('a model, not the user');
    const user = only(scanFiles({ '.codex/config.toml': 'approvals_reviewer = "user"\n' })).sandbox.approval;
    expect(user.reason).not.toContain('a model');
  });

  it('takes a job runtime bound from [agents] as the limits fact', () => {
    const scanned = scanFiles({ '.codex/config.toml': '[agents]\nmax_threads = 4\njob_max_runtime_seconds = 1800\n' });
    const limits = only(scanned).sandbox.limits;
    expect([limits.value, lineOf(scanned, limits.source)]).toEqual(['bounded', 3]);
  });
});
