/**
 * Agents a script runs through their SDK (`from claude_agent_sdk import query`, `import { Codex }
 * from "@openai/codex-sdk"`, aider's `from aider.coders import Coder`): each option is the CLI flag
 * the SDK passes or that means the same, so the script is read as that command line. Its program
 * points at the import, each flag at the option's name and each value at the literal it is written
 * as; a value that is not a literal is unknown. What each SDK passes comes from its agent's module
 * (`sdk`); nothing here names an agent.
 */
import { agentSdks } from '../../agents/index.js';
import { listAt, literalAt, type Launch, type ScriptLanguage } from './code-literals.js';

/** Options read per script: hostile text stays linear. */
const MAX_OPTIONS = 200;

interface Sdk {
  program: string;
  fixed: readonly string[];
  options: Readonly<Record<string, (value: string) => readonly string[]>>;
  /** The import of one of its modules; the module's name is group 2 or 4. */
  imports: RegExp;
  /** An option name followed by `=` or `:` (`permission_mode="…"`, `permissionMode: '…'`, `"approvalPolicy": …`). */
  option: RegExp | null;
}

/** Each option under its camelCase name and its snake_case one (`permissionMode`, `permission_mode`). */
function spellings<T>(options: Readonly<Record<string, T>>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [name, value] of Object.entries(options)) {
    out.set(name, value);
    out.set(
      name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      value,
    );
  }
  return out;
}

let compiled: { python: Sdk[]; javascript: Sdk[] } | null = null;

/** The SDKs' patterns, built once from the catalogue's own names (never from scanned text). */
function sdks(): { python: Sdk[]; javascript: Sdk[] } {
  if (compiled) return compiled;
  const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const build = (language: ScriptLanguage): Sdk[] =>
    agentSdks().flatMap((sdk) => {
      const modules = sdk.modules[language];
      if (!modules?.length) return [];
      const names = modules.map(escape).join('|');
      const imports =
        language === 'python'
          ? new RegExp(
              String.raw`^[ \t]*(?:from[ \t]+()(${names})(?:\.\w+)*[ \t]+import\b|import[ \t]+()(${names})\b)`,
              'gm',
            )
          : new RegExp(
              String.raw`(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(${names})(?:/[^"'\n]*)?\1`,
              'g',
            );
      const keys = [...spellings(sdk.options).keys()].map(escape).join('|');
      const option = keys ? new RegExp(String.raw`(["']?)\b(${keys})\1\s*[:=](?!=)\s*`, 'g') : null;
      return [
        {
          program: sdk.program,
          fixed: sdk.fixed,
          options: Object.fromEntries(spellings(sdk.options)),
          imports,
          option,
        },
      ];
    });
  compiled = { python: build('python'), javascript: build('javascript') };
  return compiled;
}

/** Launches of agents through their SDK in `text`: one per SDK the script imports. */
export function sdkLaunchesIn(text: string, language: ScriptLanguage): Launch[] {
  const out: Launch[] = [];
  for (const sdk of sdks()[language]) {
    const imported = sdk.imports.exec(text);
    sdk.imports.lastIndex = 0;
    if (!imported) continue;
    const name = imported[2] ?? imported[4]!;
    const at = imported.index + imported[0].lastIndexOf(name);
    const words: Launch['words'] = [sdk.program, ...sdk.fixed].map((value) => ({
      value,
      start: at,
      end: at + name.length,
    }));
    let read = 0;
    for (const m of sdk.option ? text.matchAll(sdk.option) : []) {
      if (++read > MAX_OPTIONS) break;
      const key = m[2]!;
      const keyAt = m.index + m[0].indexOf(key);
      words.push(...optionWords(text, m.index + m[0].length, language, sdk.options[key]!, keyAt, key.length));
    }
    out.push({ kind: 'argv', words, call: `${name} (the agent's SDK)` });
  }
  return out;
}

/** The CLI words one option becomes: its value read as a string, a list (items joined by commas), a boolean or a number. */
function optionWords(
  text: string,
  at: number,
  language: ScriptLanguage,
  toWords: (value: string) => readonly string[],
  keyAt: number,
  keyLength: number,
): Launch['words'] {
  const literal = literalAt(text, at, language);
  const list = literal ? null : listAt(text, at, language);
  const scalar = /^(?:(true|True|false|False)|(\d+(?:\.\d+)?))\b/.exec(text.slice(at, at + 24));
  let value: { value: string; start: number; end: number; unknown?: boolean };
  if (literal) value = { value: literal.value, start: literal.start, end: literal.end };
  else if (list && list.length > 0 && list.every((w) => !w.unknown))
    value = { value: list.map((w) => w.value).join(','), start: list[0]!.start, end: list.at(-1)!.end };
  else if (scalar) value = { value: scalar[0].toLowerCase(), start: at, end: at + scalar[0].length };
  else value = { value: '', start: at, end: at + 1, unknown: true };
  const words = toWords(value.unknown ? '' : value.value);
  return words.map((word, k) =>
    k === 0 ? { value: word, start: keyAt, end: keyAt + keyLength } : { ...value, value: word },
  );
}
