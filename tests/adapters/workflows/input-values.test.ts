import { describe, expect, it } from 'vitest';
import { inputValues, type Job } from '../../../src/adapters/workflows/workflow.js';

const job = (raw: Record<string, unknown>, workflow: Record<string, unknown> = {}): Job =>
  ({ id: 'j', path: ['jobs', 'j'], raw, steps: [], workflow }) as unknown as Job;
const values = (text: string, j: Job = job({})) => inputValues(j, text, ['x']).map((v) => v.value);
const unknowns = (text: string, j: Job = job({})) => inputValues(j, text, ['x']).flatMap((v) => v.unknown ?? []);

describe('inputValues', () => {
  it('yields every literal an expression can produce, and keeps an unknown operand as unknown', () => {
    expect(values("${{ vars.MODE || 'danger-full-access' }}")).toEqual([
      'danger-full-access',
      "${{ vars.MODE || 'danger-full-access' }}",
    ]);
    expect(unknowns("${{ vars.MODE || 'danger-full-access' }}")).toEqual(['vars.MODE']);
    expect(values("${{ github.event_name == 'push' && 'read-only' || 'danger-full-access' }}")).toEqual([
      'read-only',
      'danger-full-access',
    ]);
    expect(values("--sandbox ${{ inputs.fast && 'danger-full-access' || 'read-only' }}")).toEqual([
      '--sandbox danger-full-access',
      '--sandbox read-only',
    ]);
    expect(values('${{ vars.MODE }}')).toEqual(['${{ vars.MODE }}']);
    expect(unknowns('${{ secrets.A }} and ${{ vars.B }}')).toEqual(['secrets.A', 'vars.B']);
    expect(values('plain')).toEqual(['plain']);
  });

  it('follows GitHub truthiness: a literal left of || that is truthy hides the right side', () => {
    expect(values("${{ 'read-only' || vars.MODE }}")).toEqual(['read-only']);
    expect(values("${{ '' || 'workspace-write' }}")).toEqual(['workspace-write']);
    // An unknown condition may be falsy: `x && 'a'` can be empty.
    expect(values("${{ vars.ON && 'node:22' }}")).toEqual(['', 'node:22']);
    expect(values("${{ !vars.X && 'a' || 'b' }}")).toEqual(['a', 'b']);
  });

  it('reads format(), fromJSON() and bracket properties of literals', () => {
    expect(values("${{ format('{0}-full-access', 'danger') }}")).toEqual(['danger-full-access']);
    expect(values("${{ format('{0}{{x}}', vars.A) }}")).toEqual(["${{ format('{0}{{x}}', vars.A) }}"]);
    expect(values('${{ fromJSON(\'"read-only"\') }}')).toEqual(['read-only']);
    // join() joins an array's elements (`,` by default); a string is itself.
    expect(values(`\${{ join(fromJSON('["--yolo","-p"]'), ' ') }}`)).toEqual(['--yolo -p']);
    expect(values(`\${{ join(fromJSON('["a","b"]')) }}`)).toEqual(['a,b']);
    expect(values("${{ join('--yolo', ' ') }}")).toEqual(['--yolo']);
    expect(values(`\${{ fromJSON('["-p","--yolo"]')[1] }}`)).toEqual(['--yolo']);
    expect(values(`\${{ fromJSON('{"mode":"danger-full-access"}').mode }}`)).toEqual(['danger-full-access']);
    expect(unknowns(`\${{ fromJSON('["-p"]')[3] }}`)).toEqual(['an element of a JSON value']);
    // A local composite action's folder; elsewhere the path is not known.
    expect(values('${{ github.action_path }}/lib', { ...job({}), actionPath: '.github/actions/x' })).toEqual([
      '.github/actions/x/lib',
    ]);
    expect(unknowns('${{ github.action_path }}')).toEqual(['github.action_path']);
    const j = job({ env: { MODE: 'danger-full-access' } });
    expect(values("${{ env['MODE'] }}", j)).toEqual(['danger-full-access']);
    expect(unknowns('${{ env.ELSEWHERE }}', j)).toEqual(['env.ELSEWHERE']);
  });

  it("takes an input's choices, booleans or default, and names one without them as unknown", () => {
    const workflow = {
      on: {
        workflow_dispatch: {
          inputs: {
            mode: { type: 'choice', options: ['read-only', 'danger-full-access'] },
            fast: { type: 'boolean' },
            level: { default: 'workspace-write' },
            free: { type: 'string' },
          },
        },
      },
    };
    const j = job({}, workflow);
    expect(values('${{ inputs.mode }}', j)).toEqual(['read-only', 'danger-full-access']);
    expect(inputValues(j, '${{ inputs.mode }}', ['x'])[1]!.path).toEqual([
      'on',
      'workflow_dispatch',
      'inputs',
      'mode',
      'options',
      1,
    ]);
    expect(values('${{ github.event.inputs.level }}', j)).toEqual(['workspace-write']);
    expect(values("${{ inputs.fast && 'danger-full-access' || 'read-only' }}", j)).toEqual([
      'danger-full-access',
      'read-only',
    ]);
    expect(unknowns('${{ inputs.free }}', j)).toEqual(['inputs.free']);
    // On another trigger the workflow runs without inputs: the reference is empty.
    const both = job({}, { on: { push: null, ...workflow.on } });
    expect(values('${{ inputs.level }}', both)).toEqual(['workspace-write', '']);
  });

  it('expands a matrix reference to its listed and included values, each at its item', () => {
    const j = job({ strategy: { matrix: { mode: ['read-only'], include: [{ mode: 'danger-full-access' }] } } });
    expect(inputValues(j, '${{ matrix.mode }}', ['x'])).toEqual([
      { value: 'read-only', path: ['jobs', 'j', 'strategy', 'matrix', 'mode', 0] },
      { value: 'danger-full-access', path: ['jobs', 'j', 'strategy', 'matrix', 'include', 0, 'mode'] },
    ]);
  });

  it('judges every combination: exclude removes one, include extends or adds, an unset key is empty', () => {
    const matrix = {
      mode: ['read-only', 'danger-full-access'],
      os: ['linux', 'mac'],
      exclude: [{ mode: 'danger-full-access', os: 'mac' }],
      include: [
        { os: 'linux', image: 'node:22' },
        { os: 'windows', mode: 'workspace-write' },
      ],
    };
    const j = job({ strategy: { matrix } });
    expect(values('${{ matrix.mode }}/${{ matrix.os }}', j)).toEqual([
      'read-only/linux',
      'read-only/mac',
      'danger-full-access/linux',
      'workspace-write/windows',
    ]);
    expect(values('${{ matrix.image }}', j)).toEqual(['node:22', '']);
    const all = job({
      strategy: { matrix: { mode: ['danger-full-access'], exclude: [{ mode: 'danger-full-access' }] } },
    });
    // Nothing left to run: nothing is known, so the reference stays unknown rather than safe.
    expect(unknowns('${{ matrix.mode }}', all)).toEqual(['matrix.mode']);
    expect(unknowns('${{ matrix.other }}', j)).toEqual(['matrix.other']);
    const dynamic = job({ strategy: { matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' } });
    expect(unknowns('${{ matrix.mode }}', dynamic)).toEqual(['matrix.mode']);
    const objects = job({
      strategy: { matrix: { cfg: [{ sandbox: 'read-only' }, { sandbox: 'danger-full-access' }] } },
    });
    expect(values('${{ matrix.cfg.sandbox }}', objects)).toEqual(['read-only', 'danger-full-access']);
  });
});
