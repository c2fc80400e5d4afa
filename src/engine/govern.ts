/**
 * Who wrote a suppression: the base commit, or the change under review. A pull request cannot
 * approve itself, so what it adds (an inline comment, an annotation, a policy exception, or a base
 * exception whose glob now reaches a deployment the change adds) is its own, and under
 * `suppressions.from-pull-request: govern` it counts only once an approver approved the head commit.
 * Everything here reads text; nothing is executed.
 */
import { parseDocument } from '../documents/index.js';
import type { Range } from '../documents/types.js';
import type { Deployment } from '../model.js';
import { commentTarget, parseComment, splitLines } from './inline.js';
import type { PolicyException, ResolvedPolicy } from '../policy/schema.js';

/** The base a change is measured against, as the caller (action or CLI) could read it. */
export interface ChangeBaseline {
  /** How messages name the change: "this pull request", "this change". */
  name: string;
  /** A file's text at the base; null when it does not exist there or cannot be read (then all it holds is the change's own). */
  text(file: string): string | null;
  /** Exceptions in the change's own policy that the base policy lacks; they are the change's own. */
  addedExceptions?: readonly PolicyException[];
  /** Approvers (already matched against `suppressions.approvers`) whose review approves the head commit. */
  approvedBy?: readonly string[];
}

export type Origin = { source: 'base' } | { source: 'pull-request'; note?: string };

/** Answers "is this on the base?" for one scan, reading each base file at most once. */
export class OriginJudge {
  private readonly keys = new Map<string, Set<string>>();
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly baseline: ChangeBaseline | undefined) {}

  /** Whether the change is measured at all; without a baseline everything is the repository's own. */
  get measured(): boolean {
    return this.baseline !== undefined;
  }

  /** An inline comment suppressing `rule`: on the base when the base file has the same rule on the same code. */
  inline(file: string, rule: string, lines: readonly string[] | null, range: Range): Origin {
    if (!this.baseline) return { source: 'base' };
    const anchor = lines ? anchorOf(lines, range) : null;
    if (anchor === null) return { source: 'pull-request' };
    return this.inlineKeys(file).has(`${rule}\u0000${anchor}`) ? { source: 'base' } : { source: 'pull-request' };
  }

  /** A Kubernetes annotation: on the base when the base file holds the same key and names the workload. */
  annotation(file: string, rule: string, deployment: Deployment | undefined): Origin {
    if (!this.baseline) return { source: 'base' };
    const text = this.baseText(file);
    const held = text !== null && text.includes(`agent-sandbox/ignore.${rule}`);
    return held && deployment && text.includes(deployment.name) ? { source: 'base' } : { source: 'pull-request' };
  }

  /**
   * A policy exception: the change's own when its policy adds it, or when a glob of a base exception
   * reaches a deployment (or file) the change adds: it was written for other files.
   */
  exception(exception: PolicyException, file: string, deployment: Deployment | undefined): Origin {
    if (!this.baseline) return { source: 'base' };
    if (this.baseline.addedExceptions?.includes(exception)) return { source: 'pull-request' };
    const pinned = deployment !== undefined && exception.deployments?.includes(deployment.id);
    if (pinned) return { source: 'base' };
    const glob = [
      ...exception.paths.filter(isGlob),
      ...(exception.deployment && isGlob(exception.deployment) ? [exception.deployment] : []),
    ][0];
    if (glob === undefined || !this.isAdded(file, deployment)) return { source: 'base' };
    return { source: 'pull-request', note: `covered by exception \`${glob}\` written for other files` };
  }

  /** A deployment (or, without one, a file) the change adds: absent from the base file's text. */
  isAdded(file: string, deployment: Deployment | undefined): boolean {
    const text = this.baseText(deployment?.file ?? file);
    if (text === null) return true;
    return deployment !== undefined && !text.includes(deployment.name);
  }

  private baseText(file: string): string | null {
    if (!this.texts.has(file)) {
      let text: string | null;
      try {
        text = this.baseline!.text(file);
      } catch {
        text = null; // unreadable: everything in it is the change's own
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file)!;
  }

  /** `rule \0 anchor` for every inline suppression in the base version of the file. */
  private inlineKeys(file: string): Set<string> {
    let keys = this.keys.get(file);
    if (keys) return keys;
    keys = new Set();
    this.keys.set(file, keys);
    const text = this.baseText(file);
    if (text === null || !text.toLowerCase().includes('agent-sandbox:')) return keys;
    const lines = splitLines(text);
    for (const doc of parseDocument(file, text).documents) {
      for (const comment of doc.comments) {
        const written = parseComment(comment.text);
        const anchor = written ? anchorOf(lines, comment.range) : null;
        if (written && anchor !== null) for (const rule of written.rules) keys.add(`${rule}\u0000${anchor}`);
      }
    }
    return keys;
  }
}

/** The code a comment speaks about, as text: what precedes it on its line, or the next line of code. */
function anchorOf(lines: readonly string[], range: Range): string | null {
  const target = commentTarget(lines, range);
  if (!target.ownLine) return (lines[range.line - 1] ?? '').slice(0, range.column - 1).trim();
  return target.line === null ? '' : (lines[target.line - 1] ?? '').trim();
}

const isGlob = (pattern: string): boolean => /[*?[\]{}]/.test(pattern);

/** Whether the change's own suppressions count now, and who accepted them. */
export function changeAcceptance(
  policy: ResolvedPolicy,
  baseline: ChangeBaseline | undefined,
): { applies: boolean; approvedBy: string[] } {
  const approvedBy = [...(baseline?.approvedBy ?? [])];
  if (policy.suppressions.fromPullRequest === 'honour') return { applies: true, approvedBy };
  return { applies: approvedBy.length > 0, approvedBy };
}

/** Exceptions of the proposed policy that the judging one lacks (new, or widened: other paths or deployments). */
export function addedExceptions(
  base: readonly PolicyException[],
  proposed: readonly PolicyException[],
): PolicyException[] {
  const key = (e: PolicyException): string =>
    JSON.stringify([e.rule, [...e.paths].sort(), e.deployment ?? null, [...(e.deployments ?? [])].sort()]);
  const known = new Set(base.map(key));
  return proposed.filter((e) => !known.has(key(e)));
}
