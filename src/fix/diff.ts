/** A unified diff (`diff -u` shape, three lines of context) between a file's text before and after. */

/** Lines with their line breaks, so a CRLF file's diff shows what changes and nothing else. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Line operations by longest common subsequence over the part between a common head and tail. */
function operations(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const table: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      table[i]![j] = x[i] === y[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      middle.push({ kind: ' ', line: x[i]! });
      i++;
      j++;
    } else if (i < x.length && (j === y.length || table[i + 1]![j]! >= table[i]![j + 1]!)) {
      middle.push({ kind: '-', line: x[i]! });
      i++;
    } else {
      middle.push({ kind: '+', line: y[j]! });
      j++;
    }
  }
  return [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];
}

/** `--- a/file` / `+++ b/file` and hunks; '' when nothing changes. A new file diffs from /dev/null. */
export function unifiedDiff(file: string, before: string | null, after: string, context = 3): string {
  if (before === after) return '';
  const ops = operations(splitLines(before ?? ''), splitLines(after));
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length, i + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }
  let out = `--- ${before === null ? '/dev/null' : `a/${file}`}\n+++ b/${file}\n`;
  for (const [from, to] of hunks) {
    let oldStart = 1;
    let newStart = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k]!.kind !== '+') oldStart++;
      if (ops[k]!.kind !== '-') newStart++;
    }
    const slice = ops.slice(from, to);
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    out += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
    for (const op of slice) {
      const body = op.line.replace(/\r?\n$|\r$/, '');
      const ending = op.line.slice(body.length);
      out += `${op.kind}${body}${ending === '\r\n' ? '\r' : ''}\n`;
      if (ending === '') out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
