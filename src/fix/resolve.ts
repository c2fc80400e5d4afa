/**
 * Turns a fix proposal (changes by key path) into text edits over the files as they are, through the
 * format's own editor. A change that cannot be written leaves the fix with its description alone.
 */
import { formatOf } from '../documents/index.js';
import { frontmatterOnly, isMarkdown } from '../documents/frontmatter.js';
import type { Fix, FixChange, FixEdit, FixProposal } from '../model.js';
import { jsonEdits } from './json-edit.js';
import { lineBreakOf, toFixEdits, type TextEdit } from './text-edit.js';
import { tomlEdits } from './toml-edit.js';
import { YamlEditor } from './yaml-edit.js';

/** Reads a file's text as the scan read it; null when it does not exist or cannot be read. */
export type SourceText = (file: string) => string | null;

export interface Resolved {
  fix: Fix;
  /** Why changes were left unwritten, for the `fix` command's report. */
  unwritten: string[];
}

export function resolveFix(proposal: FixProposal, source: SourceText): Resolved {
  const edits: FixEdit[] = [];
  const unwritten: string[] = [];
  const byFile = new Map<string, FixChange[]>();
  for (const change of proposal.changes) {
    const file = change.kind === 'create-file' ? change.file : change.at.file;
    byFile.set(file, [...(byFile.get(file) ?? []), change]);
  }
  for (const [file, changes] of byFile) {
    const raw = source(file);
    const text = raw === null ? null : stripBom(raw);
    const fileEdits: TextEdit[] = [];
    for (const change of changes) {
      const result = editsFor(file, text, change);
      if (typeof result === 'string') unwritten.push(`${file}: ${result}`);
      else fileEdits.push(...result);
    }
    if (text === null) {
      edits.push(
        ...fileEdits.map((e) => ({
          file,
          startLine: 1,
          startColumn: 1,
          endLine: 1,
          endColumn: 1,
          replacement: e.text,
        })),
      );
      continue;
    }
    const merged = mergeInserts(fileEdits);
    if (typeof merged === 'string') unwritten.push(`${file}: ${merged}`);
    else edits.push(...toFixEdits(file, text, merged));
  }
  const fix: Fix = { description: proposal.description, safety: proposal.safety, edits: unwritten.length ? [] : edits };
  return { fix, unwritten };
}

function editsFor(file: string, text: string | null, change: FixChange): TextEdit[] | string {
  if (change.kind === 'create-file') return text === null ? [{ start: 0, end: 0, text: change.content }] : [];
  if (text === null) return 'the file cannot be read';
  const eol = lineBreakOf(text);
  const format = formatOf(file) ?? 'yaml';
  if (format === 'json') return jsonEdits(text, eol, change);
  if (format === 'toml') return tomlEdits(text, eol, change);
  if (format === 'starlark') return 'Starlark rules files are not edited';
  const yaml = isMarkdown(file) ? frontmatterOnly(text) : text;
  return yamlEditor(yaml, eol).edits(change);
}

/** Findings in one file arrive together: its parsed editor is kept for the next one, so many findings cost one parse. */
let lastEditor: { text: string; eol: string; editor: YamlEditor } | null = null;
function yamlEditor(text: string, eol: string): YamlEditor {
  if (lastEditor?.text !== text || lastEditor.eol !== eol)
    lastEditor = { text, eol, editor: new YamlEditor(text, eol) };
  return lastEditor.editor;
}

/** Sorted edits; inserts at one point join in order; overlapping edits of one fix are refused. */
function mergeInserts(edits: readonly TextEdit[]): TextEdit[] | string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === prev.start && e.end === e.start) {
      prev.text += e.text;
      continue;
    }
    if (prev && e.start < prev.end) return 'two changes of this fix overlap';
    out.push({ ...e });
  }
  return out;
}

export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
