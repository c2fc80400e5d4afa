/**
 * The action's own messages (a missing permission, a scope fallback, a policy change). They are
 * collected while the run goes, then printed after the findings with annotation slots kept for
 * them, and repeated in the job summary and the comment.
 */
import type { Annotation } from '../report/annotations.js';
import { markdownMessage } from '../report/escape.js';

export type Note = Omit<Annotation, 'level'> & { level: 'warning' | 'notice' };

export class Notes {
  readonly items: Note[] = [];
  /** Context for readers of the summary and comment that needs no annotation. */
  readonly remarks: string[] = [];

  /** `message` is plain text; backticks mark code. */
  warn(message: string, at: Omit<Note, 'level' | 'message'> = {}): void {
    this.items.push({ level: 'warning', message, ...at });
  }

  notice(message: string, at: Omit<Note, 'level' | 'message'> = {}): void {
    this.items.push({ level: 'notice', message, ...at });
  }

  remark(message: string): void {
    this.remarks.push(message);
  }

  count(level: Note['level']): number {
    return this.items.filter((n) => n.level === level).length;
  }

  /** Escaped Markdown lines for the summary and the comment. */
  markdown(): string[] {
    return [
      ...this.items.map((n) => `${n.level === 'warning' ? '⚠️' : 'ℹ️'} ${markdownMessage(n.message)}`),
      ...this.remarks.map((r) => `ℹ️ ${markdownMessage(r)}`),
    ];
  }
}
