/**
 * The command line: `agent-sandbox-guard scan [DIR] [--policy FILE] [--format …] [--output FILE] [--fail-on …]`.
 * Exit 0: no failing findings; 1: failing findings; 2: usage error or unreadable/invalid policy;
 * 3: internal error (a bug; the stack is printed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanDirectory } from '../engine/index.js';
import { oneOf, parseOptions } from './args.js';
import { UserError, describeUserError } from '../errors.js';
import { runDocs } from './commands/docs.js';
import { runExplain } from './commands/explain.js';
import { runFix } from './commands/fix.js';
import { runInit } from './commands/init.js';
import { runTest } from './commands/test.js';
import { loadPolicy } from '../policy/load.js';
import { FAIL_ON, type FailOn } from '../policy/schema.js';
import { FORMATS, render, type Format } from '../report/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT = { pass: 0, fail: 1, usage: 2, internal: 3 } as const;

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  scan [DIR]          Find agent deployments in DIR (default .) and judge their sandboxes
  fix [DIR]           Apply the findings' fixes in place (--diff: print them instead)
  init [DIR]          Write a starter .github/agent-sandbox.yml tuned to what a scan finds
  explain RULE        Print a rule's rationale, examples and options
  test POLICY DIR     Run a policy's custom rules against fixtures with expectations
  docs [--check]      Regenerate (or check) the rules reference and policy JSON schema

scan options:
  --policy FILE       Policy file (default .github/agent-sandbox.yml, else built-in:recommended)
  --format FORMAT     ${FORMATS.join(' | ')} (default text)
  --output FILE       Write the report to FILE instead of stdout
  --fail-on LEVEL     ${FAIL_ON.join(' | ')} (default from the policy: error)

fix options:
  --unsafe            Also apply fixes that may change behaviour (pin, remove allowlist entries)
  --diff              Print a unified diff and change nothing
  --rule ID           Only fixes of this rule (repeat, or separate with commas)
  --policy FILE       As for scan

Exit codes: 0 no failing findings, 1 failing findings, 2 usage or policy error, 3 internal error.
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? EXIT.usage : EXIT.pass;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT.pass;
    }
    const run = COMMANDS[command];
    if (!run) throw new UserError(`unknown command "${command}"; run "${TOOL_NAME} --help"`);
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(`${TOOL_NAME}: ${describeUserError(error)}\n`);
      return EXIT.usage;
    }
    if (isParseArgsError(error)) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `${TOOL_NAME}: internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}

const COMMANDS: Record<string, Command> = {
  scan: runScan,
  fix: runFix,
  init: runInit,
  explain: runExplain,
  test: runTest,
  docs: runDocs,
};

async function runScan(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    policy: { type: 'string' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  if (positionals.length > 1) throw new UserError(`scan takes one directory, got ${positionals.length}`);
  const format = oneOf('--format', values.format as string, FORMATS);
  const failOn = values['fail-on'] === undefined ? undefined : oneOf('--fail-on', values['fail-on'] as string, FAIL_ON);
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const policyPath = values.policy === undefined ? undefined : path.resolve(io.cwd, values.policy as string);

  const loaded = loadPolicy({ root, ...(policyPath ? { policyPath } : {}) });
  const policy = failOn ? { ...loaded, failOn } : loaded;
  const { report } = scanDirectory({ root, policy });
  const output = render(format, report);
  if (values.output !== undefined) writeFileSync(path.resolve(io.cwd, values.output as string), output);
  else io.stdout(output);
  return report.result === 'pass' ? EXIT.pass : EXIT.fail;
}

/** `util.parseArgs` rejects unknown options and missing values with an ERR_PARSE_ARGS_* code. */
function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof TypeError &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

export type { FailOn, Format };
