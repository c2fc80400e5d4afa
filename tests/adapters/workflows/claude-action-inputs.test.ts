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

  it('tells the reviewer which plugins, marketplaces and extra scopes the action adds', () => {
    const inputs = [
      '                plugin_marketplaces: |',
      '                  https://github.com/someone-else/claude-plugins.git',
      '                plugins: |',
      '                  code-review@claude-code-plugins',
      '                  formatter@someone-else',
      '                additional_permissions: |',
      '                  actions: read',
    ].join('\n');
    const d = only(job('            CI: "true"', inputs));
    const notes = detailsOf(d, 'workflow-job').notes;
    expect(notes).toEqual(
      expect.arrayContaining([
        '`plugin_marketplaces` adds plugin marketplaces (https://github.com/someone-else/claude-plugins.git); whoever controls them decides what their plugins run',
        '`plugins` installs plugins (code-review@claude-code-plugins, formatter@someone-else), whose hooks and MCP servers run in the job',
        '`additional_permissions` grants the agent’s GitHub token more scopes (actions: read)',
      ]),
    );
  });
});
