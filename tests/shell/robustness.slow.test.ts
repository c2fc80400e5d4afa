/**
 * Property tests: the reader never throws on any input, keeps every position inside the script, and
 * grows linearly. Kept small enough for the full suite; the timing guard is deliberately loose.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { follow, readShell } from '../../src/shell/index.js';

const pieces = [
  'claude',
  ' -p ',
  '"',
  "'",
  '$',
  '{',
  '}',
  '(',
  ')',
  '$(',
  '`',
  '\\',
  '\n',
  ';',
  '&&',
  '||',
  '|',
  '<<EOF\n',
  'EOF\n',
  '<<<',
  'bash -c ',
  'eval ',
  'sudo ',
  'npx ',
  '${X:-',
  "$'",
  '{a,b}',
  'if ',
  'then ',
  'fi',
  'do ',
  'done',
  'case ',
  ' in ',
  'esac',
  'f() ',
  '# c\n',
  '\t',
  '=',
  'x',
  '${{ inputs.a }}',
  '>',
  '2>&1',
  '&',
];
const script = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

describe('readShell on any input', () => {
  it('never throws and keeps positions inside the script', () => {
    fc.assert(
      fc.property(fc.oneof(script, fc.string({ maxLength: 200 })), (text) => {
        const reading = readShell(text, { base: 7 });
        for (const command of reading.commands) {
          for (const word of [command.program, ...command.args]) {
            expect(word.start).toBeGreaterThanOrEqual(7);
            expect(word.end).toBeLessThanOrEqual(7 + text.length);
            expect(word.start).toBeLessThanOrEqual(word.end);
          }
        }
        for (const problem of reading.problems) expect(problem.end).toBeLessThanOrEqual(7 + text.length);
      }),
      { numRuns: 400 },
    );
  });

  it('follow never throws on any repository', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a.sh', 'b.sh', 'package.json', 'Makefile'), script), (files) => {
        const result = follow(
          { file: 'w', reading: readShell('./a.sh; npm run x; make; bash b.sh') },
          (p) => files[p] ?? null,
        );
        expect(Array.isArray(result.bounds)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('cost', () => {
  const block =
    'if [ -n "$X" ]; then\n  AGENT=claude; timeout 5m "$AGENT" -p "$(cat p.md)" --yolo | tee out && bash -c "codex exec x"\nfi\n';
  const time = (text: string): number => {
    const start = performance.now();
    readShell(text);
    return performance.now() - start;
  };

  it('grows linearly with the script (loose guard: 16x the input within 64x the time)', () => {
    time(block.repeat(50)); // warm up
    const small = Math.max(time(block.repeat(100)), 1);
    const large = time(block.repeat(1600));
    expect(large).toBeLessThan(small * 64);
  });

  it('stays linear on deeply nested and unbalanced input', () => {
    for (const text of [
      '$('.repeat(3000),
      '"'.repeat(20000),
      '{ '.repeat(5000),
      'bash -c "'.repeat(200),
      '\\\n'.repeat(10000),
    ]) {
      const reading = readShell(text);
      expect(reading.commands.length).toBeLessThan(100000);
    }
  });

  it('caps commands and says so', () => {
    const reading = readShell('a;'.repeat(200), { maxCommands: 50 });
    expect(reading.commands).toHaveLength(50);
    expect(reading.problems.map((p) => p.kind)).toContain('cap');
    expect(reading.complete).toBe(false);
  });
});
