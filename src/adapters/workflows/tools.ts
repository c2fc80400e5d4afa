/**
 * Tool lists written as one string (an allowlist flag or input): splitting them into entries with
 * their offsets. What an entry grants is the agent's to say (src/agents/tool-lists.ts).
 */

export interface ToolEntry {
  text: string;
  /** Offsets inside the string the list was read from. */
  start: number;
  end: number;
}

/** Splits `Read,Grep Bash(gh pr diff:*)` on commas and spaces outside parentheses. */
export function splitToolList(list: string, offset = 0): ToolEntry[] {
  const out: ToolEntry[] = [];
  let depth = 0;
  let start = -1;
  const flush = (end: number): void => {
    if (start >= 0) {
      const raw = list.slice(start, end);
      const text = raw.replace(/^["']+|["']+$/g, '').trim();
      const at = offset + start + raw.indexOf(text);
      if (text) out.push({ text, start: at, end: at + text.length });
    }
    start = -1;
  };
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    if (depth === 0 && (c === ',' || /\s/.test(c))) {
      flush(i);
      continue;
    }
    if (start < 0) start = i;
  }
  flush(list.length);
  return out;
}
