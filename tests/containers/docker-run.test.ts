import { describe, expect, it } from 'vitest';
import { parseRunArgs, takesNextWord } from '../../src/containers/docker-run.js';

const args = (...words: string[]) => words.map((value) => ({ value, ref: { file: 'f', path: [] } }));

describe('takesNextWord', () => {
  it.each([
    ['--network', true],
    ['--net', true],
    ['--network=none', false],
    ['--privileged', false],
    ['--memory', true],
    ['--stop-timeout', true],
    ['-v', true],
    ['-it', false],
    ['-dp', true],
    ['-v/a:/b', false],
    ['-', false],
    ['image', false],
  ])('%s → %s', (word, expected) => expect(takesNextWord(word)).toBe(expected));

  it('agrees with parseRunArgs on where the image is', () => {
    for (const line of [
      ['-it', '--rm', 'img', 'cmd'],
      ['-dp', '80:80', 'img'],
      ['--memory', '4g', '--network=none', 'img', 'x'],
      ['-e', 'A=1', '-v/x:/y', 'img'],
    ]) {
      let i = 0;
      while (i < line.length && line[i]!.startsWith('-')) i += takesNextWord(line[i]!) ? 2 : 1;
      expect(line[i]).toBe(parseRunArgs(args(...line)).image?.value);
    }
  });
});
