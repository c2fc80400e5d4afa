/** The Codex configuration a workflow's `codex` run loads: profile selection and CODEX_HOME. */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/model.js';
import { only } from '../adapters/workflows/helpers.js';

const WF = '.github/workflows/agent.yml';
const job = (run: string, env = ''): string =>
  `on: pull_request\njobs:\n  agent:\n    runs-on: ubuntu-latest\n${env}    steps:\n      - run: ${run}\n`;

const HOME = 'ci/codex/config.toml';
const config = `sandbox_mode = "workspace-write"

[profiles.ci]
sandbox_mode = "danger-full-access"
approval_policy = "never"

[profiles.net]
sandbox_workspace_write.network_access = true

[profiles.safe]
sandbox_mode = "read-only"
`;

type WorkflowJob = Deployment & { kind: 'workflow-job' };
const scan = (files: Record<string, string>): WorkflowJob => only(files, WF) as WorkflowJob;
const homeEnv = '    env:\n      CODEX_HOME: ${{ github.workspace }}/ci/codex\n';

describe('codex profile selection', () => {
  for (const spelling of ['-p ci', '--profile ci', '--profile=ci', '-pci', '-c profile=ci', '-c \'profile="ci"\'']) {
    it(`\`${spelling}\` selects [profiles.ci] of the CODEX_HOME config`, () => {
      const d = scan({ [WF]: job(`codex exec ${spelling} "fix"`, homeEnv), [HOME]: config });
      expect(d.sandbox.isolation.value).toBe('none');
      expect(d.sandbox.isolation.source).toEqual({ file: HOME, path: ['profiles', 'ci', 'sandbox_mode'] });
      expect(d.sandbox.approval.value).toBe('bypassed');
      expect(d.sandbox.approval.source).toEqual({ file: HOME, path: ['profiles', 'ci', 'approval_policy'] });
    });
  }

  it('without a profile the top level of the CODEX_HOME config decides', () => {
    const d = scan({ [WF]: job('codex exec "fix"', homeEnv), [HOME]: config });
    expect(d.sandbox.isolation.value).toBe('process');
    expect(d.sandbox.filesystem.value).toBe('workspace');
    expect(d.sandbox.filesystem.source).toEqual({ file: HOME, path: ['sandbox_mode'] });
  });

  it("a profile's network_access opens the network; a read-only profile closes it", () => {
    const net = scan({ [WF]: job('codex exec -p net "fix"', homeEnv), [HOME]: config });
    expect(net.sandbox.network.value).toBe('open');
    expect(net.sandbox.network.source).toEqual({
      file: HOME,
      path: ['profiles', 'net', 'sandbox_workspace_write', 'network_access'],
    });
    const safe = scan({ [WF]: job('codex exec -p safe "fix"', homeEnv), [HOME]: config });
    expect(safe.sandbox.filesystem.value).toBe('read-only');
    expect(safe.sandbox.isolation.value).toBe('process');
  });

  it('a writable root the settings reader judges broad (a home, /etc) is broad in the loaded config too', () => {
    for (const root of ['/home/runner', '/etc', '~']) {
      const home = `[sandbox_workspace_write]\nwritable_roots = ["/tmp/cache", "${root}"]\n`;
      const d = scan({ [WF]: job('codex exec "fix"', homeEnv), [HOME]: home });
      expect(d.sandbox.filesystem.value, root).toBe('full');
      expect(d.sandbox.filesystem.source, root).toEqual({
        file: HOME,
        path: ['sandbox_workspace_write', 'writable_roots', 1],
      });
    }
    const narrow = scan({
      [WF]: job('codex exec "fix"', homeEnv),
      [HOME]: '[sandbox_workspace_write]\nwritable_roots = ["/tmp/cache"]\n',
    });
    expect(narrow.sandbox.filesystem.value).not.toBe('full');
  });

  it('flags decide over the profile: `--sandbox read-only -p ci` stays sandboxed', () => {
    const d = scan({ [WF]: job('codex exec --sandbox read-only -p ci "fix"', homeEnv), [HOME]: config });
    expect(d.sandbox.isolation.value).toBe('process');
    expect(d.sandbox.filesystem.value).toBe('read-only');
    expect(d.sandbox.approval.value).not.toBe('bypassed');
  });

  it('a profile known only at run time is judged as the weakest profile in the file', () => {
    const env = `${homeEnv}      PROFILE: \${{ vars.CODEX_PROFILE }}\n`;
    const d = scan({ [WF]: job('codex exec -p "$PROFILE" "fix"', env), [HOME]: config });
    expect(d.sandbox.isolation.value).toBe('none');
    expect(d.sandbox.isolation.reason).toContain('the weakest profile');
  });

  it('a profile known only at run time with no config in the repository is not determinable', () => {
    const env = '    env:\n      PROFILE: ${{ vars.CODEX_PROFILE }}\n';
    const d = scan({ [WF]: job('codex exec --profile "$PROFILE" "fix"', env) });
    expect(d.details.undetermined?.map((u) => u.what)).toEqual(['the Codex profile `--profile` selects']);
  });

  it('a named profile no repository config defines: not determinable with the default home, a note with a known one', () => {
    const d = scan({ [WF]: job('codex exec -p fast "fix"') });
    expect(d.details.undetermined?.[0]?.what).toContain(
      'the Codex profile `fast` that `-p fast` selects, which no configuration',
    );
    expect(d.details.undetermined?.[0]?.at).toMatchObject({ file: WF, text: 'fast' });
    expect(d.details.undetermined?.[0]?.unknown).toEqual(['~/.codex/config.toml']);
    const known = scan({ [WF]: job('codex exec -p fast "fix"', homeEnv), [HOME]: config });
    expect(known.details.undetermined).toBeUndefined();
    expect(known.details.notes.join('\n')).toContain('config profile `fast` not found');
  });

  it("the project's .codex/config.toml profiles are selectable too", () => {
    const d = scan({ [WF]: job('codex exec -p ci "fix"'), '.codex/config.toml': config });
    expect(d.sandbox.isolation.value).toBe('none');
    expect(d.sandbox.isolation.source).toEqual({
      file: '.codex/config.toml',
      path: ['profiles', 'ci', 'sandbox_mode'],
    });
  });

  it("the CODEX_HOME config's own `profile` key selects when no flag does", () => {
    const d = scan({ [WF]: job('codex exec "fix"', homeEnv), [HOME]: `profile = "ci"\n${config}` });
    expect(d.sandbox.isolation.value).toBe('none');
  });
});

describe('CODEX_HOME', () => {
  it('set earlier in the script, relative to the checkout', () => {
    const run = '|\n          export CODEX_HOME="$GITHUB_WORKSPACE/ci/codex"\n          codex exec -p ci "fix"';
    const d = scan({ [WF]: job(run), [HOME]: config });
    expect(d.sandbox.isolation.value).toBe('none');
  });

  it('as an inline assignment with a relative path', () => {
    const d = scan({
      [WF]: job('CODEX_HOME=./ci/codex codex exec "fix"'),
      [HOME]: 'sandbox_mode = "danger-full-access"\n',
    });
    expect(d.sandbox.isolation.value).toBe('none');
    expect(d.sandbox.isolation.source).toEqual({ file: HOME, path: ['sandbox_mode'] });
  });

  it('as an inline assignment relative to $GITHUB_WORKSPACE', () => {
    const d = scan({ [WF]: job('CODEX_HOME="$GITHUB_WORKSPACE/ci/codex" codex exec -p net "fix"'), [HOME]: config });
    expect(d.sandbox.network.value).toBe('open');
  });

  it('outside the repository or unknown: not determinable, at the variable', () => {
    for (const [value, why] of [
      ['/tmp/codex', 'outside the repository'],
      ['${{ runner.temp }}/codex', 'outside the repository'],
      ['${{ vars.CODEX_HOME }}', 'known only when the job runs'],
    ]) {
      const d = scan({ [WF]: job('codex exec "fix"', `    env:\n      CODEX_HOME: ${value}\n`) });
      expect(d.details.undetermined).toEqual([
        expect.objectContaining({
          what: `the configuration Codex loads from \`CODEX_HOME\` (${why})`,
          at: { file: WF, path: ['jobs', 'agent', 'env', 'CODEX_HOME'] },
        }),
      ]);
    }
  });

  it('with every approval and the sandbox off by flag, nothing is left to determine', () => {
    const d = scan({ [WF]: job('codex exec --yolo "fix"', '    env:\n      CODEX_HOME: ${{ vars.H }}\n') });
    expect(d.details.undetermined).toBeUndefined();
  });
});

describe("codex-action's codex-home", () => {
  const action = (withs: string): string =>
    `on: pull_request\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: openai/codex-action@v1\n        with:\n          prompt: review\n${withs}`;
  it('a repository directory: its config.toml is judged below the action’s own sandbox', () => {
    const files = { [HOME]: 'sandbox_mode = "danger-full-access"\n[sandbox_workspace_write]\nnetwork_access = true\n' };
    const d = scan({ ...files, [WF]: action('          codex-home: ci/codex\n') });
    expect(d.sandbox.isolation.value).toBe('process');
    expect(d.sandbox.network.value).toBe('open');
    expect(d.sandbox.network.source).toEqual({ file: HOME, path: ['sandbox_workspace_write', 'network_access'] });
  });

  it('an unknown codex-home is not determinable; one outside the checkout is the action’s own', () => {
    const unknown = scan({ [WF]: action('          codex-home: ${{ vars.CODEX_HOME }}\n') });
    expect(unknown.details.undetermined?.map((u) => u.what)).toEqual(["codex-action's `codex-home:`"]);
    const outside = scan({ [WF]: action('          codex-home: /tmp/codex\n') });
    expect(outside.details.undetermined).toBeUndefined();
    expect(outside.sandbox.network.value).toBe('none');
  });
});
