/** Argument parsing shared by the commands: `util.parseArgs` with its errors as usage errors. */
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; default?: string | boolean; short?: string; multiple?: boolean }
>;

export interface ParsedOptions {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseOptions(args: string[], options: OptionSpec): ParsedOptions {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedOptions['values'], positionals: parsed.positionals };
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
}

/** `value` when it is one of `allowed`, else a usage error naming the flag. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}
