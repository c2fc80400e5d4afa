/**
 * Codex exec-policy rules (`.codex/rules/*.rules`): each `prefix_rule(pattern = [...], decision =
 * "allow")` lets commands with that prefix run outside the sandbox without asking. Read through the
 * Starlark call reader (src/documents/starlark.ts), never evaluated.
 *
 * An allowed prefix that is a shell, an interpreter or a command runner (`python`, `npm`, `find`)
 * runs anything outside the sandbox, so the sandbox is defeated; any other allowed prefix is a hole
 * of one command (a sandbox gap). `prompt` and `forbidden` rules only narrow.
 */
import { shellReach } from './claude-code-tools.js';
import type { Fact, Isolation, SourceRef } from '../model.js';
import { readCodex } from './codex-settings.js';
import {
  derivedFact,
  emptyDetails,
  fact,
  factFrom,
  isRecord,
  ref,
  shortValue,
  type Json,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';

const OUTSIDE = 'environment variables set outside the repository';

/**
 * Codex exec-policy rules (`.codex/rules/*.rules`, Starlark): `prefix_rule(pattern, decision)` decides
 * whether a command matching the prefix runs outside the sandbox unasked (`allow`), asks first
 * (`prompt`) or is refused (`forbidden`); the strictest match wins, and an omitted decision allows.
 */
export const CODEX_RULES = {
  call: 'prefix_rule',
  defaultDecision: 'allow',
  decisions: ['allow', 'prompt', 'forbidden'],
  /** Where Codex looks for them: `rules/` beside a config layer (the project's `.codex/`, a user's `~/.codex/`). */
  path: /(^|\/)(\.codex|codex|dot_codex|\.codex-home)\/rules\/[^/]+\.rules$/,
} as const;

export const codexRulesPath = (file: string): boolean => CODEX_RULES.path.test(file);

/** Most alternatives one pattern is expanded into; past this the rule is judged by its open alternatives alone. */
const MAX_EXPANSIONS = 256;

interface Token {
  alternatives: { text: string; path: (string | number)[] }[];
}

export function readCodexRules(input: ReaderInput): SettingsReading {
  const { file, value } = input;
  const defaults = readCodex({ ...input, value: {} }, 'project', 'codex-config');
  const details = emptyDetails('codex-rules', 'project', OUTSIDE);
  const rules = isRecord(value) && Array.isArray(value[CODEX_RULES.call]) ? (value[CODEX_RULES.call] as Json[]) : [];
  const escapes: { reason: string; source: SourceRef }[] = [];
  let allowed = 0;
  rules.forEach((rule, r) => {
    if (!isRecord(rule)) return;
    const base = [CODEX_RULES.call, r];
    const decision = rule['decision'] ?? CODEX_RULES.defaultDecision;
    if (decision !== 'allow' && (CODEX_RULES.decisions as readonly Json[]).includes(decision)) return;
    const tokens = patternTokens(rule['pattern'], [...base, 'pattern']);
    // Codex refuses a rules file with a rule it cannot read; that rule allows nothing.
    if (!tokens || tokens.length === 0) return;
    allowed++;
    // Why the rule allows: said outright, left out (Codex then allows), or a value Codex does not document.
    const note =
      rule['decision'] === undefined
        ? ' (it has no `decision`, which Codex takes as `allow`)'
        : decision === 'allow'
          ? ''
          : ` (its \`decision\` \`${shortValue(decision)}\` is not one Codex documents, so the weakest, \`allow\`, is assumed)`;
    const open = openPrefix(tokens);
    if (open) {
      escapes.push({
        reason: `a \`prefix_rule\` lets \`${open.prefix} …\` run outside the sandbox without asking${note}, and \`${open.command}\` runs whatever it is given`,
        source: ref(file, open.path),
      });
      return;
    }
    const shown = tokens.map((t) =>
      t.alternatives.length > 1 ? `[${t.alternatives.map((a) => a.text).join('|')}]` : t.alternatives[0]!.text,
    );
    details.sandboxGaps.push({
      key: 'prefix_rule',
      value: shown.join(' '),
      level: 'note',
      why: `matching commands run outside the sandbox without asking${note}`,
      source: ref(file, [...base, 'pattern']),
    });
  });
  const isolation: Fact<Isolation> =
    escapes.length > 0
      ? factFrom('none', escapes)
      : fact(
          'process',
          allowed > 0
            ? `Codex's sandbox holds every command but the ${allowed} prefix rule(s) allowed outside it`
            : 'no rule allows a command outside the sandbox',
          null,
        );
  const outside = escapes.length > 0;
  return {
    ...defaults,
    sandbox: {
      ...defaults.sandbox,
      isolation,
      ...(outside
        ? {
            network: derivedFact('open', 'commands allowed outside the sandbox can connect to any host'),
            filesystem: derivedFact('full', 'commands allowed outside the sandbox can write anywhere the user can'),
          }
        : {}),
    },
    signals: [`Codex rules file (${rules.length} prefix rule(s), ${allowed} allowing commands outside the sandbox)`],
    details,
  };
}

/** `pattern = ["git", ["status", "diff"]]`: each token a string or a list of alternatives. */
function patternTokens(pattern: Json, path: (string | number)[]): Token[] | null {
  if (!Array.isArray(pattern)) return null;
  const tokens: Token[] = [];
  for (const [i, token] of pattern.entries()) {
    if (typeof token === 'string') tokens.push({ alternatives: [{ text: token, path: [...path, i] }] });
    else if (Array.isArray(token) && token.length > 0 && token.every((t) => typeof t === 'string'))
      tokens.push({ alternatives: token.map((text: string, j) => ({ text, path: [...path, i, j] })) });
    else return null;
  }
  return tokens;
}

/**
 * The first expansion of the pattern that runs anything (`python`, `npm exec`, `bash -c`), with the
 * alternative that makes it so, or null when every expansion is one fixed command.
 */
function openPrefix(tokens: Token[]): { prefix: string; command: string; path: (string | number)[] } | null {
  let expansions: { words: string[]; paths: (string | number)[][] }[] = [{ words: [], paths: [] }];
  for (const token of tokens) {
    const next: typeof expansions = [];
    for (const e of expansions)
      for (const alt of token.alternatives) {
        if (next.length >= MAX_EXPANSIONS) break;
        next.push({ words: [...e.words, alt.text], paths: [...e.paths, alt.path] });
      }
    expansions = next;
  }
  // Point at the command word when it is one of several, else at the last word of the prefix.
  const pick = tokens[0]!.alternatives.length > 1 ? 0 : tokens.length - 1;
  for (const { words, paths } of expansions) {
    const reach = shellReach(`${words.map(quoteWord).join(' ')} *`);
    if (reach.reach !== 'limited')
      return { prefix: words.join(' '), command: reach.command ?? words[0]!, path: paths[pick]! };
  }
  return null;
}

/** A token holding spaces is one word of the command; the shell-pattern reader splits on spaces. */
const quoteWord = (word: string): string => (/\s/.test(word) ? word.replace(/\s+/g, '_') : word);

export const CODEX_RULES_FILES: readonly SettingsFile[] = [
  {
    order: 40,
    paths: ['.codex/', '**/codex/rules/', '**/dot_codex/rules/', '**/.codex-home/rules/'],
    match: codexRulesPath,
    read: readCodexRules,
  },
];
