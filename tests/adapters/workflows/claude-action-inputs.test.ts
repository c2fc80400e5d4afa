/** claude-code-action inputs of late 2026: plugins, marketplaces, extra token scopes, CLAUDE_CODE_MAX_TURNS. */
import { describe, expect, it } from 'vitest';
import { detailsOf } from '../../helpers/details.js';
import { only, yaml } from './helpers.js';

const WF = '.github/workflows/claude.yml';

const job = (env: string, inputs: string) => ({
  [WF]: yaml`
      on: issue_comment
      permissions:
        contents: read
      jobs:
        claude:
          runs-on: ubuntu-latest
          env:
${env}
          steps:
            - uses: anthropics/claude-code-action@v1
              with:
                anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
${inputs}
    `,
});

describe('claude-code-action inputs', () => {
  it('takes CLAUDE_CODE_MAX_TURNS as the limits fact, where it is set', () => {
    const d = only(job('            CLAUDE_CODE_MAX_TURNS: "12"', '                prompt: review'));
    expect([d.sandbox.limits.value, d.sandbox.limits.reason, d.sandbox.limits.source?.path]).toEqual([
      'bounded',
      '`CLAUDE_CODE_MAX_TURNS=12` stops the session after that many agent turns',
      ['jobs', 'claude', 'env', 'CLAUDE_CODE_MAX_TURNS'],
    ]);
  });

  it('takes CLAUDE_CODE_MAX_TURNS once when claude_args is given too (the flag reader reads it)', () => {
    const d = only(job('            CLAUDE_CODE_MAX_TURNS: "12"', '                claude_args: --model opus'));
    expect(d.sandbox.limits.value).toBe('bounded');
    expect(d.sandbox.limits.source?.path).toEqual(['jobs', 'claude', 'env', 'CLAUDE_CODE_MAX_TURNS']);
  });

  it('takes CLAUDE_CODE_MAX_TURNS in a run: step as claude -p reads it', () => {
    const d = only({
      [WF]: yaml`
          on: push
          jobs:
            fix:
              runs-on: ubuntu-latest
              steps:
                - run: claude -p "fix the build"
                  env:
                    CLAUDE_CODE_MAX_TURNS: "8"
        `,
    });
    expect([d.sandbox.limits.value, d.sandbox.limits.source?.path]).toEqual([
      'bounded',
      ['jobs', 'fix', 'steps', 0, 'env', 'CLAUDE_CODE_MAX_TURNS'],
    ]);
  });

  it('does not take an unreadable CLAUDE_CODE_MAX_TURNS as a bound', () => {
    const d = only(job('            CLAUDE_CODE_MAX_TURNS: ${{ vars.TURNS }}', '                prompt: review'));
    expect(d.sandbox.limits.source?.path).not.toEqual(['jobs', 'claude', 'env', 'CLAUDE_CODE_MAX_TURNS']);
  });

  it('records each marketplace of plugin_marketplaces at its line, and notes the plugins', () => {
    const inputs = [
      '                plugin_marketplaces: |',
      '                  https://github.com/someone-else/claude-plugins.git',
      '                  git@gitlab.example.com:tools/market.git',
      '                  ./plugins',
      '                plugins: |',
      '                  code-review@claude-code-plugins',
      '                  formatter@someone-else',
    ].join('\n');
    const details = detailsOf(only(job('            CI: "true"', inputs)), 'workflow-job');
    expect(details.marketplaces?.map((m) => [m.name, m.owner, m.local, m.source.text])).toEqual([
      ['claude-plugins', 'someone-else', false, 'https://github.com/someone-else/claude-plugins.git'],
      ['market', 'gitlab.example.com', false, 'git@gitlab.example.com:tools/market.git'],
      ['plugins', null, true, './plugins'],
    ]);
    expect(details.notes).toContain(
      '`plugins` installs plugins (code-review@claude-code-plugins, formatter@someone-else), whose hooks and MCP servers run in the job',
    );
  });

  it('reads each value a marketplace expression can take: its written default, and an unknown one', () => {
    const inputs = [
      '                plugin_marketplaces: |',
      "                  ${{ vars.ENGINE || 'https://github.com/Cynergis/oto' }}.git",
      '                  https://github.com/${{ github.repository_owner }}/plugins.git',
    ].join('\n');
    const details = detailsOf(only(job('            CI: "true"', inputs)), 'workflow-job');
    expect(details.marketplaces?.map((m) => [m.name, m.owner, m.origin])).toEqual([
      ['oto', 'cynergis', 'https://github.com/Cynergis/oto.git'],
      ['vars.ENGINE', null, "${{ vars.ENGINE || 'https://github.com/Cynergis/oto' }}.git"],
    ]);
    expect(details.marketplaces?.[1]?.source.text).toBe("${{ vars.ENGINE || 'https://github.com/Cynergis/oto' }}.git");
    // The repository's own owner is the organisation's own marketplace: noted, not judged.
    expect(details.notes.some((n) => n.includes("a marketplace of the repository's own organisation"))).toBe(true);
  });

  it('has no marketplaces when the step adds none', () => {
    expect(
      detailsOf(only(job('            CI: "true"', '                prompt: hi')), 'workflow-job').marketplaces,
    ).toBe(undefined);
  });

  it('raises the credentials fact with the scopes additional_permissions requests, at their line', () => {
    const readOnly = (extra: string) => ({
      [WF]: yaml`
          on: workflow_dispatch
          permissions: {}
          jobs:
            ci:
              runs-on: ubuntu-latest
              steps:
                - uses: anthropics/claude-code-action@v1
                  with:
                    github_token: \${{ github.token }}
                    additional_permissions: |
${extra}
        `,
    });
    const read = only(readOnly('                      actions: read'));
    expect([read.sandbox.credentials.value, read.sandbox.credentials.reason, read.sandbox.credentials.source]).toEqual([
      'read',
      "`additional_permissions` requests `actions: read` for the agent's GitHub token",
      { file: WF, path: ['jobs', 'ci', 'steps', 0, 'with', 'additional_permissions'], text: 'actions: read' },
    ]);
    const write = only(readOnly('                      actions: read\n                      pull-requests: write'));
    expect([write.sandbox.credentials.value, write.sandbox.credentials.source?.text]).toEqual([
      'write',
      'pull-requests: write',
    ]);
    // A malformed line or an unknown level grants nothing the scanner can name.
    const none = only(readOnly('                      actions\n                      checks: admin'));
    expect(none.sandbox.credentials.value).toBe('none');
  });

  it('records an additional_permissions value the repository does not hold as not determinable', () => {
    const d = only(job('            CI: "true"', '                additional_permissions: ${{ vars.EXTRA_SCOPES }}'));
    expect(detailsOf(d, 'workflow-job').undetermined?.map((u) => u.what)).toEqual([
      'the token scopes `additional_permissions` adds',
    ]);
  });
});
