/** User errors (bad policy, bad input) are typed and shown with a position; anything else is a bug. */

export interface ErrorPosition {
  file: string;
  line?: number;
  column?: number;
}

/** Something the user must fix: shown as `file:line:col: message`, exit code 2, no stack. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly position?: ErrorPosition,
    /** Further problems found in the same input, each with its own position. */
    readonly details: readonly { message: string; position?: ErrorPosition }[] = [],
  ) {
    super(message);
  }
}

/** An invalid or unreadable policy file. The scan never runs (fails closed). */
export class PolicyError extends UserError {}

export function formatPosition(position: ErrorPosition | undefined): string {
  if (!position) return '';
  return [position.file, position.line, position.column].filter((p) => p !== undefined).join(':');
}

/** `file:line:col: message` lines for every problem of a user error. */
export function describeUserError(error: UserError): string {
  const line = (message: string, position?: ErrorPosition): string =>
    position ? `${formatPosition(position)}: ${message}` : message;
  const head = line(error.message, error.position);
  return [head, ...error.details.map((d) => `  ${line(d.message, d.position)}`)].join('\n');
}

/** The message of whatever was thrown; never throws itself (a thrown object's `toString` may). */
export function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unprintable value was thrown';
  }
}

/** The first line of `text`, cut to `max` characters with an ellipsis: for a message inside a finding. */
export function firstLine(text: string, max: number): string {
  const line = text.split(/\r?\n|\r/, 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
