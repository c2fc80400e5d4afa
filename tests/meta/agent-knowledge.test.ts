/**
 * "Agent knowledge has one home": no adapter or rule holds, in a string or regex literal, an agent's
 * id, program name or GitHub action repository. The names come from the catalogue (src/agents), so a
 * new agent is covered the moment it is added. What is about one agent belongs in its module, behind a
 * catalogue function the adapter calls without naming the agent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AGENTS, type AgentDefinition } from '../../src/agents/index.js';

const ROOT = join(import.meta.dirname, '../..');
const SCANNED = ['src/adapters', 'src/rules', 'src/fix'];

/** Names shorter than this (`cn`, `amp`, `zed`, `mcp`) match too much ordinary text to mean an agent. */
const MIN_LENGTH = 4;
/**
 * Catalogue names that are ordinary English words, used in adapters and rules in their ordinary sense
 * ("the agent", `continue-on-error`, the `unknown` agent id of a generic run, a "cursor"). Each must be a
 * catalogue name (checked below), so this list cannot hide anything else.
 */
const ORDINARY_WORDS = ['agent', 'continue', 'unknown', 'goose', 'crush', 'cursor'];

/** Every id, program name and action repository in the catalogue. */
function catalogueNames(): Set<string> {
  const names = new Set<string>();
  for (const agent of AGENTS as readonly AgentDefinition[]) {
    names.add(agent.id);
    for (const program of agent.programs ?? []) names.add(program.name);
    for (const action of agent.actions ?? []) names.add(action.repo);
  }
  return names;
}

const ALL_NAMES = catalogueNames();
const CHECKED = [...ALL_NAMES].filter((n) => n.length >= MIN_LENGTH && !ORDINARY_WORDS.includes(n)).sort();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A name as a whole token: not inside a longer word (`claude` in `claude_args` and `run-gemini-cli` counts). */
const PATTERNS = CHECKED.map((name) => ({ name, re: new RegExp(`(?<![A-Za-z0-9])${escape(name)}(?![A-Za-z0-9])`) }));

/**
 * A rule's documentation (`meta.title`, `meta.rationale`, `meta.examples`) is prose for the reader of
 * docs/rules, and explains with real agents' settings and actions; it drives no behaviour. Only literals
 * inside those three properties of a `meta` object are left out; a rule's messages and logic are scanned.
 */
function inRuleDocs(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (!ts.isPropertyAssignment(n) || !['title', 'rationale', 'examples'].includes(n.name.getText())) continue;
    const owner = n.parent.parent;
    if (owner && ts.isPropertyAssignment(owner) && owner.name.getText() === 'meta') return true;
  }
  return false;
}

const isLiteral = (n: ts.Node): boolean =>
  ts.isStringLiteral(n) ||
  ts.isNoSubstitutionTemplateLiteral(n) ||
  ts.isTemplateHead(n) ||
  ts.isTemplateMiddle(n) ||
  ts.isTemplateTail(n) ||
  ts.isRegularExpressionLiteral(n);

export interface Hit {
  at: string;
  name: string;
  literal: string;
}

/** The catalogue names held in literals of one source file. */
export function namesInSource(file: string, text: string, skipRuleDocs: boolean): Hit[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const hits: Hit[] = [];
  const visit = (node: ts.Node): void => {
    if (isLiteral(node) && !(skipRuleDocs && inRuleDocs(node))) {
      const literal = node.getText(source);
      for (const { name, re } of PATTERNS) {
        if (!re.test(literal)) continue;
        const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
        hits.push({ at: `${file}:${line + 1}:${character + 1}`, name, literal: literal.slice(0, 80) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

describe('agent knowledge has one home', () => {
  it('derives a meaningful list of names from the catalogue', () => {
    for (const word of ORDINARY_WORDS) expect(ALL_NAMES, `${word} is not a catalogue name`).toContain(word);
    // Every agent's id is checked unless it is one of the skipped names.
    for (const agent of AGENTS as readonly AgentDefinition[])
      if (agent.id.length >= MIN_LENGTH && !ORDINARY_WORDS.includes(agent.id)) expect(CHECKED).toContain(agent.id);
    expect(CHECKED).toContain('anthropics/claude-code-action');
    expect(CHECKED.length).toBeGreaterThan(30);
  });

  it('finds a name in code, and leaves out only rule documentation', () => {
    const code = [
      `import { x } from '../../agents/codex-flags.js';`,
      `if (agent === 'gemini-cli' || /run-gemini-cli/.test(uses)) note(\`loads \${f} for claude_args\`);`,
      `export default defineRule({ meta: { rationale: 'claude-code-action refuses outsiders', examples: { fail: 'codex' } },`,
      `  check() { report({ message: 'openhands ran' }); } });`,
    ].join('\n');
    const found = namesInSource('x.ts', code, true).map((h) => `${h.at} ${h.name}`);
    expect(found).toEqual([
      'x.ts:1:19 codex',
      'x.ts:2:15 gemini',
      'x.ts:2:15 gemini-cli',
      'x.ts:2:31 gemini',
      'x.ts:2:31 gemini-cli',
      'x.ts:2:75 claude',
      'x.ts:4:31 openhands',
    ]);
    expect(namesInSource('x.ts', code, false).map((h) => h.name)).toContain('claude-code');
  });

  it('no adapter or rule names an agent from the catalogue in a literal', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) =>
      namesInSource(file, readFileSync(join(ROOT, file), 'utf8'), file.startsWith('src/rules/')),
    );
    expect(hits.map((h) => `${h.at} ${h.name} in ${h.literal}`)).toEqual([]);
  });
});
