/**
 * The command line: `agent-sandbox-guard <command> [options]`; the commands and their flags are
 * defined in definitions.ts. Exit 0: no failing findings; 1: failing findings; 2: a user mistake
 * (usage, input, policy), said in one line; 3: internal error (a bug; the stack is printed).
 */
import { UserError, describeUserError } from '../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { parseCommand, type ParsedOptions } from './args.js';
import { runDocs } from './commands/docs.js';
import { runExplain } from './commands/explain.js';
import { runFix } from './commands/fix.js';
import { runInit } from './commands/init.js';
import { runInventory } from './commands/inventory.js';
import { runPaths } from './commands/paths.js';
import { runScan } from './commands/scan.js';
import { runTest } from './commands/test.js';
import { COMMAND_DEFS, commandDef, commandHelp, mainHelp } from './definitions.js';
import { suggest } from '../policy/problems.js';
import type { CliIO } from './io.js';

export type { CliIO };

export const EXIT = { pass: 0, fail: 1, usage: 2, internal: 3 } as const;

type Command = (parsed: ParsedOptions, io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  scan: runScan,
  fix: runFix,
  init: runInit,
  explain: runExplain,
  test: runTest,
  inventory: runInventory,
  paths: runPaths,
  docs: runDocs,
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.stdout(mainHelp());
      return command === undefined ? EXIT.usage : EXIT.pass;
    }
    if (command === 'help') {
      const def = rest[0] === undefined ? undefined : commandDef(rest[0]);
      if (rest[0] !== undefined && !def) throw unknownCommand(rest[0]);
      io.stdout(def ? commandHelp(def) : mainHelp());
      return EXIT.pass;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT.pass;
    }
    const def = commandDef(command);
    const run = COMMANDS[command];
    if (!def || !run) throw unknownCommand(command);
    const parsed = parseCommand(def, rest);
    if (parsed.help) {
      io.stdout(commandHelp(def));
      return EXIT.pass;
    }
    return await run(parsed, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(`${TOOL_NAME}: ${describeUserError(error)}\n`);
      return EXIT.usage;
    }
    const systemError = describeSystemError(error);
    if (systemError) {
      io.stderr(`${TOOL_NAME}: ${systemError}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `${TOOL_NAME}: internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}

function unknownCommand(name: string): UserError {
  const hint = suggest(
    name,
    COMMAND_DEFS.filter((c) => !c.hidden).map((c) => c.name),
  );
  return new UserError(
    `unknown command "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; run "${TOOL_NAME} --help"`,
  );
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
};

/** A file the user named that cannot be read or written is their environment, not our bug: one line. */
function describeSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || !('path' in error)) return undefined;
  const code = String(error.code);
  const meaning = SYSTEM_ERRORS[code];
  if (!meaning || typeof error.path !== 'string') return undefined;
  return `${error.path}: ${meaning} (${code})`;
}
