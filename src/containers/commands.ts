/** * Which programs a container command starts, read statically: exec-form argv, `sh -c` scripts and
 * Compose's string form. Never runs anything.
 */
import { bypassSwitches } from '../agents/index.js';
import { readArgv, type ShellCommand } from '../shell/index.js';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'ash', 'dash', 'ksh']);

export interface CommandWord {
  /** The program as written, without quotes or version (`claude`, `@openai/codex`). */
  word: string;
  /** Index of the argv element the word was found in. */
  index: number;
}

export const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** Drops an npm/pypi version suffix: `@openai/codex@0.5.0` → `@openai/codex`, `aider-chat==0.8` → `aider-chat`. */
export function withoutVersion(word: string): string {
  const pip = word.split(/==|>=|~=/)[0]!;
  const at = pip.lastIndexOf('@');
  return at > 0 ? pip.slice(0, at) : pip;
}

/**
 * Programs an argv starts, read by the shell reader: argv[0] through every wrapper and launcher,
 * and every command of a `<shell> -c <script>` (compound commands, `bash -c` inside it, heredocs).
 * `entrypointKnown` is false when argv holds only arguments to an image entrypoint nobody can see
 * (Kubernetes `args` without `command`): then only a `-c SCRIPT` pair is read, as a shell would.
 */
export function programs(argv: readonly string[], entrypointKnown = true): CommandWord[] {
  if (argv.length === 0) return [];
  let first = 0;
  let elements = argv;
  if (!entrypointKnown) {
    const flag = argv.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    if (flag < 0 || flag + 1 >= argv.length) return [];
    // An unseen shell entrypoint handed `-c SCRIPT`: read it as `sh -c SCRIPT`.
    first = flag - 1;
    elements = ['sh', ...argv.slice(flag)];
  }
  // Each element's span is its index, so a command found anywhere inside points back at its element.
  const reading = readArgv(elements.map((value, i) => ({ value, start: first + i, end: first + i + 1 })));
  return reading.commands
    .filter((command) => !command.function && !SHELLS.has(command.name))
    .map((command) => ({ word: programWord(command), index: Math.max(0, command.program.start) }));
}

/** The launcher's package (`npx -y @openai/codex@1` → `@openai/codex`), else the program as written. */
function programWord(command: ShellCommand): string {
  const launcher = command.via.findLast((via) => via.kind === 'launcher' && via.packageName);
  return withoutVersion(launcher?.packageName ?? command.program.value);
}

/** True when argv starts an interactive shell (no `-c` script): a container kept open for commands. */
export function isInteractiveShell(argv: readonly string[]): boolean {
  if (argv.length === 0) return false;
  if (!SHELLS.has(basename(argv[0]!))) return false;
  return !argv.some((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
}

/** The first bypass switch written in `text`, as written. */
export function bypassFlagIn(text: string): string | undefined {
  for (const flag of bypassSwitches()) {
    const pattern = new RegExp(`(^|[\\s"'=])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s"'=])`);
    if (pattern.test(text)) return flag;
  }
  return undefined;
}
