/** Small helpers the fix producers share. */
import type { FixChange, FixProposal, FixSafety, SourceRef } from '../../model.js';
import type { KeyPath } from '../../documents/types.js';

export const proposal = (description: string, safety: FixSafety, changes: FixChange[] = []): FixProposal => ({
  description,
  safety,
  changes,
});

/** Advice only: what to change, when the tool cannot write it for this finding. */
export const advice = (description: string): FixProposal => proposal(description, 'safe');

export const at = (ref: SourceRef, path: KeyPath): SourceRef => ({
  file: ref.file,
  ...(ref.doc !== undefined ? { doc: ref.doc } : {}),
  path,
});

export const lastKey = (ref: SourceRef): string | number | undefined => ref.path[ref.path.length - 1];

/** The path of the list item `key` names (`steps`, `containers`), or null when the path has none. */
export function itemPath(path: KeyPath, key: string): KeyPath | null {
  for (let i = path.length - 2; i >= 0; i--) {
    if (path[i] === key && typeof path[i + 1] === 'number') return path.slice(0, i + 2);
  }
  return null;
}

/** `at.text` as a plain string when it is one, else the literal a regular expression starts with. */
export function textOf(ref: SourceRef): string | null {
  if (typeof ref.text === 'string') return ref.text;
  if (ref.text instanceof RegExp) return /^[\w:=*(). -]+/.exec(ref.text.source)?.[0].replace(/\\/g, '') ?? null;
  return null;
}
