/** Reading a Makefile as text: its rules, recipe lines (with their offsets) and simple variables. Never run. */

interface Rule {
  prerequisites: string[];
  /** Offsets of each recipe line's command text in the Makefile. */
  recipe: { start: number; text: string }[];
}

/** Rules and simple variables of a Makefile (tab-indented recipe lines, `\` continuations). */
export function readMakefile(text: string): {
  rules: Map<string, Rule>;
  first: string | null;
  variables: Map<string, string>;
} {
  const rules = new Map<string, Rule>();
  const variables = new Map<string, string>();
  let first: string | null = null;
  let current: Rule[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const lineStart = offset;
    offset += line.length + 1;
    if (line.startsWith('\t') && current.length > 0) {
      let joined = line;
      while (joined.endsWith('\\') && n + 1 < lines.length) {
        n++;
        joined += `\n${lines[n]!}`;
        offset += lines[n]!.length + 1;
      }
      const prefix = /^\t[@+\-\s]*/.exec(joined)![0].length;
      for (const rule of current) rule.recipe.push({ start: lineStart + prefix, text: joined.slice(prefix) });
      continue;
    }
    line = line.replace(/\r$/, '');
    if (/^\s*(#|$)/.test(line)) continue;
    const assignment = /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?::{1,3}=|\?=|=|\+=)\s*(.*)$/.exec(
      line,
    );
    if (assignment) {
      variables.set(assignment[1]!, assignment[2]!.trim());
      current = [];
      continue;
    }
    const rule = /^([^:=#\t][^:=#]*?)\s*::?(?!=)\s*([^;#]*)(?:;(.*))?$/.exec(line);
    if (!rule) {
      current = [];
      continue;
    }
    const targets = rule[1]!.trim().split(/\s+/);
    const prerequisites = rule[2]!.split('|').join(' ').trim().split(/\s+/).filter(Boolean);
    current = targets.map((target) => {
      const existing = rules.get(target) ?? { prerequisites: [], recipe: [] };
      existing.prerequisites.push(...prerequisites);
      rules.set(target, existing);
      return existing;
    });
    if (rule[3] !== undefined) {
      const inline = rule[3];
      for (const r of current) r.recipe.push({ start: lineStart + line.indexOf(';') + 1, text: inline });
    }
    if (first === null) first = targets.find((t) => !t.startsWith('.') && !t.includes('%')) ?? null;
  }
  return { rules, first, variables };
}

/** Make's `$(NAME)` is shell's `${NAME}`, `$$` is `$`; same lengths, so offsets still match the file. */
export function recipeToShell(text: string): string {
  return text
    .replace(/\$[({]MAKE[)}]/g, 'make   ')
    .replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '${$1}')
    .replace(/\$\$/g, ' $')
    .replace(/\$([@<^*?])/g, '__');
}
