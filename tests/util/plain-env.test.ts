import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { usePlainEnv } from '../../src/util/plain-env.js';

describe('usePlainEnv', () => {
  const real = process.env;
  afterEach(() => {
    process.env = real;
  });

  it.skipIf(process.platform === 'win32')('keeps every variable, and children inherit what is set later', () => {
    const before = { ...process.env };
    usePlainEnv();
    expect(process.env).not.toBe(real);
    expect(Object.getPrototypeOf(process.env)).toBe(Object.prototype);
    expect(process.env).toEqual(before);
    process.env['ASG_PLAIN_ENV_PROBE'] = 'seen';
    const printed = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(process.env.ASG_PLAIN_ENV_PROBE ?? "")'],
      {
        encoding: 'utf8',
      },
    );
    expect(printed).toBe('seen');
  });
});
