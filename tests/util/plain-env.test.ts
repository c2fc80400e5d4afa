import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULE = path.resolve(import.meta.dirname, '../../src/util/plain-env.ts');
const PROBE = path.resolve(import.meta.dirname, 'fixtures/plain-env-probe.mjs');

describe('usePlainEnv', () => {
  // In a child process, since unit tests change no global state; the module has no imports, so Node runs it stripped of types.
  it.skipIf(process.platform === 'win32')('keeps every variable, and children inherit what is set later', () => {
    const out = execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', PROBE, MODULE], {
      encoding: 'utf8',
      env: { ...process.env, ASG_SOME_VARIABLE: 'kept' },
    });
    expect(JSON.parse(out)).toEqual({ replaced: true, plain: true, same: true, inherited: 'seen' });
  });
});
