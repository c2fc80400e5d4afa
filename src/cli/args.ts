/** Argument parsing shared by the commands: `util.parseArgs` over a command's definition, its errors as usage errors. */
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { TOOL_NAME } from '../version.js';
import type { CommandDef } from './definitions.js';

export interface ParsedOptions {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** `--help` was given: the caller prints the command's help instead of running it. */
  help: boolean;
}

export function parseCommand(def: CommandDef, args: readonly string[]): ParsedOptions {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const o of def.options) options[o.name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  if (args.includes('--help') || args.includes('-h')) return { values: {}, positionals: [], help: true };
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedOptions['values'], positionals: parsed.positionals, help: false };
  } catch (error) {
    throw new UserError(`${def.name}: ${parseArgsMessage(error)}; run \`${TOOL_NAME} ${def.name} --help\``);
  }
}

/** Node's messages are long and end in advice for script authors; keep what names the mistake. */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /^Option '([^']+)' argument missing/.exec(message);
  if (missing) return `${missing[1]!.replace(/ <value>$/, '').replace(/^-\w, /, '')} needs a value`;
  const unexpected = /^Option '([^']+)' does not take an argument/.exec(message);
  if (unexpected) return `${unexpected[1]!.replace(/^-\w, /, '')} takes no value`;
  return message.split('. ')[0]!.replace(/\.$/, '');
}

/** A string option's value (undefined when absent). */
export function stringOption(parsed: ParsedOptions, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `value` when it is one of `allowed`, else a usage error naming the flag. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}
