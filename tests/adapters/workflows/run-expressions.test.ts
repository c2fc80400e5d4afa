import { describe, expect, it } from 'vitest';
import { runVariants, substitute } from '../../../src/adapters/workflows/run-expressions.js';
import { matrixCombinations, type Scope } from '../../../src/adapters/workflows/values.js';
import type { WorkflowJobDetails } from '../../../src/adapters/workflows/index.js';
import type { Located } from '../../../src/adapters/workflows/workflow.js';
import { extract } from './helpers.js';

const scopeOf = (strategy: unknown = undefined): Scope => {
  const { combos, unknownKeys } = matrixCombinations(strategy, ['jobs', 'a', 'strategy']);
  return { combinations: combos, unknownKeys, input: () => null, env: () => null };
};
const noEnv = new Map<string, Located<unknown>>();

/** One job with `steps` (YAML, indented for a step list) and optional job keys. */
const workflow = (steps: string, job = '', on = '[push]') =>
  `on: ${on}\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n${job}    steps:\n${steps}`;
const details = (text: string) => {
  const [deployment, ...rest] = extract({ '.github/workflows/a.yml': text });
  expect(rest).toEqual([]);
  return { deployment: deployment!, details: deployment!.details as WorkflowJobDetails };
};

describe('runVariants', () => {
  it('reads each distinct value of the matrix keys the script uses, not every combination', () => {
    const scope = scopeOf({ matrix: { os: ['linux', 'mac', 'windows'], model: ['a', 'b'] } });
    const variants = runVariants('claude -p x --model ${{ matrix.model }}', noEnv, scope);
    expect(variants.map((v) => v.expression('matrix.model'))).toEqual(['a', 'b']);
  });

  it('takes each literal an expression can produce, and the unknown rest as unknown', () => {
    const variants = runVariants("codex exec -s ${{ vars.S || 'read-only' }} x", noEnv, scopeOf());
    expect(variants.map((v) => v.expression("vars.S || 'read-only'"))).toEqual(['read-only', null]);
    expect(variants[1]!.unknown.get("vars.S || 'read-only'")).toEqual({ refs: ['vars.S'] });
  });

  it('stays within its bound: past it the widest expressions become one word with alternatives', () => {
    const script = Array.from({ length: 6 }, (_, i) => `\${{ vars.A${i} || 'x' }}`).join(' ');
    const variants = runVariants(`claude -p ${script}`, noEnv, scopeOf());
    expect(variants.length).toBeLessThanOrEqual(24);
    expect(variants.length).toBeGreaterThan(1);
    const collapsed = variants[0]!.expression("vars.A0 || 'x'");
    expect(collapsed).toEqual({ values: ['x'], unknown: true });
  });

  it('evaluates env: entries written with expressions per combination', () => {
    const scope = scopeOf({ matrix: { flags: ['', '--yolo'] } });
    const env = new Map<string, Located<unknown>>([
      ['FLAGS', { value: '${{ matrix.flags }}', path: ['jobs', 'a', 'env', 'FLAGS'] }],
    ]);
    expect(runVariants('gemini -p x $FLAGS', env, scope).map((v) => v.env.get('FLAGS'))).toEqual(['', '--yolo']);
  });
});

describe('substitute', () => {
  it('pastes the values as text and maps a span inside a value back to the whole expression', () => {
    const script = 'echo ${{ matrix.a }} && claude ${{ matrix.flags }} -p x';
    const [variant] = runVariants(
      script,
      noEnv,
      scopeOf({ matrix: { a: ['hi'], flags: ['--dangerously-skip-permissions --verbose'] } }),
    );
    const substituted = substitute(script, variant!);
    expect(substituted.text).toBe('echo hi && claude --dangerously-skip-permissions --verbose -p x');
    const flag = substituted.text.indexOf('--dangerously');
    const expression = script.indexOf('${{ matrix.flags }}');
    expect(substituted.toBlock(flag, flag + 30)).toEqual([expression, expression + '${{ matrix.flags }}'.length]);
    const p = substituted.text.indexOf('-p x');
    expect(substituted.toBlock(p, p + 2)).toEqual([script.indexOf('-p x'), script.indexOf('-p x') + 2]);
  });
});

describe('run: blocks as GitHub substitutes them', () => {
  const matrix = (values: string) => `    strategy:\n      matrix:\n        flags: ${values}\n`;

  it('an unquoted value becomes several words, a quoted one stays one word', () => {
    const split = details(workflow('      - run: gemini -p x ${{ matrix.flags }}\n', matrix("['--yolo --debug']")));
    expect(split.deployment.sandbox.approval.value).toBe('bypassed');
    const one = details(workflow('      - run: gemini -p x "${{ matrix.flags }}"\n', matrix("['--yolo --debug']")));
    expect(one.deployment.sandbox.approval.value).not.toBe('bypassed');
  });

  it('the shell reads quotes and separators in a value as it does in the script', () => {
    const quoted = details(
      workflow('      - run: claude -p x ${{ matrix.flags }}\n', matrix(`['--permission-mode "bypassPermissions"']`)),
    );
    expect(quoted.deployment.sandbox.approval.value).toBe('bypassed');
    const chained = details(
      workflow('      - run: echo ${{ matrix.flags }}\n', matrix("['hi; gemini --yolo -p fix']")),
    );
    expect(chained.details.agentSteps.map((s) => s.agent)).toEqual(['gemini-cli']);
    expect(chained.deployment.sandbox.approval.value).toBe('bypassed');
  });

  it('an expression in the program position launches each listed agent, once per step', () => {
    const job = '    strategy:\n      matrix:\n        agent: [claude, gemini, claude]\n        os: [linux, mac]\n';
    const { details: d } = details(workflow('      - run: ${{ matrix.agent }} -p "fix the build"\n', job));
    expect(d.agentSteps.map((s) => s.agent)).toEqual(['claude-code', 'gemini-cli']);
  });

  it('a model or a turn limit from an expression changes nothing and is not reported', () => {
    const job = '    strategy:\n      matrix:\n        model: [sonnet, opus]\n';
    const run = '      - run: claude -p "$TASK" --model ${{ matrix.model }} --max-turns ${{ vars.TURNS }}\n';
    const { details: d } = details(workflow(run, job));
    expect(d.agentSteps).toHaveLength(1);
    expect(d.undetermined).toBeUndefined();
  });

  it('reports an unknown unquoted operand, not a quoted one (that is the task)', () => {
    const unknown = (run: string) =>
      details(workflow(`      - run: ${run}\n`)).details.undetermined?.map((u) => [u.unknown, u.what]) ?? [];
    expect(unknown('claude -p "${{ vars.TASK }}"')).toEqual([]);
    expect(unknown('claude -p ${{ vars.TASK }}')).toEqual([
      [['vars.TASK'], "the flags of the agent's command line in `run:`"],
    ]);
    expect(unknown('codex exec -c "sandbox_mode=${{ vars.MODE }}" x')).toEqual([
      [['vars.MODE'], "the value of `-c` in the agent's command line in `run:`"],
    ]);
  });

  it('follows an expression into a bash -c string', () => {
    const { details: d } = details(workflow('      - run: bash -c "claude -p x ${{ secrets.FLAGS }}"\n'));
    expect(d.undetermined?.map((u) => [u.unknown, u.at.text])).toEqual([[['secrets.FLAGS'], '${{ secrets.FLAGS }}']]);
  });

  it("takes an input's options and reports an input without a default", () => {
    const on = (options: string) =>
      `\n  workflow_dispatch:\n    inputs:\n      mode:\n        type: choice\n        options: ${options}\n      extra:\n        type: string\n`;
    const run = '      - run: claude --permission-mode ${{ inputs.mode }} -p x ${{ inputs.extra }}\n';
    const bypass = details(workflow(run, '', on('[default, bypassPermissions]')));
    expect(bypass.deployment.sandbox.approval.value).toBe('bypassed');
    const plan = details(workflow(run, '', on('[default, plan]')));
    expect(plan.deployment.sandbox.approval.value).not.toBe('bypassed');
    expect(plan.details.undetermined?.map((u) => u.unknown)).toEqual([['inputs.extra']]);
  });
});

describe('what an unknown value cannot make weaker', () => {
  it('is not reported once a written value or flag bypasses every approval', () => {
    const unknown = (run: string) => details(workflow(`      - run: ${run}\n`)).details.undetermined ?? [];
    expect(unknown('claude --dangerously-skip-permissions -p x ${{ vars.MORE }}')).toEqual([]);
    expect(unknown("claude ${{ vars.FLAGS || '--dangerously-skip-permissions' }} -p x")).toEqual([]);
    expect(unknown("claude ${{ vars.FLAGS || '--verbose' }} -p x").map((u) => u.unknown)).toEqual([['vars.FLAGS']]);
  });
});

describe('a program no value in the repository names', () => {
  it('is some agent when it is handed a bypass switch or an agent variable, reported at the expression', () => {
    const { deployment, details: d } = details(workflow('      - run: ${{ vars.AGENT_CLI }} --yolo -p "fix it"\n'));
    expect(deployment.agent).toBe('unknown');
    expect(deployment.sandbox.approval.value).toBe('bypassed');
    expect(d.undetermined?.map((u) => [u.unknown, u.what])).toEqual([
      [['vars.AGENT_CLI'], 'which program the `run:` command starts'],
    ]);
    const env =
      '      - run: ${{ inputs.cli }} -p "fix it"\n        env:\n          CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.TOKEN }}\n';
    expect(extract({ '.github/workflows/a.yml': workflow(env) }).map((x) => x.agent)).toEqual(['unknown']);
  });

  it('is not an agent otherwise', () => {
    expect(extract({ '.github/workflows/a.yml': workflow('      - run: ${{ vars.PYTHON }} -m pytest -x\n') })).toEqual(
      [],
    );
  });
});
