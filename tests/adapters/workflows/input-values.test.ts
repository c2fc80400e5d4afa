import { describe, expect, it } from 'vitest';
import { inputValues, type Job } from '../../../src/adapters/workflows/workflow.js';

const job = (raw: Record<string, unknown>): Job => ({ id: 'j', path: ['jobs', 'j'], raw, steps: [] }) as unknown as Job;

describe('inputValues', () => {
  it('yields every literal an expression can produce', () => {
    const values = (text: string) => inputValues(job({}), text, ['x']).map((v) => v.value);
    expect(values("${{ vars.MODE || 'danger-full-access' }}")).toEqual(['danger-full-access']);
    expect(values("${{ github.event_name == 'push' && 'read-only' || 'danger-full-access' }}")).toEqual([
      'read-only',
      'danger-full-access',
    ]);
    expect(values("--sandbox ${{ inputs.fast && 'danger-full-access' || 'read-only' }}")).toEqual([
      '--sandbox danger-full-access',
      '--sandbox read-only',
    ]);
    expect(values('${{ vars.MODE }}')).toEqual(['${{ vars.MODE }}']);
    expect(values('plain')).toEqual(['plain']);
  });

  it('expands a matrix reference to its listed and included values, each at its item', () => {
    const j = job({ strategy: { matrix: { mode: ['read-only'], include: [{ mode: 'danger-full-access' }] } } });
    expect(inputValues(j, '${{ matrix.mode }}', ['x'])).toEqual([
      { value: 'read-only', path: ['jobs', 'j', 'strategy', 'matrix', 'mode', 0] },
      { value: 'danger-full-access', path: ['jobs', 'j', 'strategy', 'matrix', 'include', 0, 'mode'] },
    ]);
  });
});
