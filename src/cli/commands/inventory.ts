/**
 * `agent-sandbox-guard inventory REPORT.json|DIR… [--format markdown|csv|json|cyclonedx]
 * [--previous INVENTORY.json] [--output FILE] [--name NAME] [--max-bytes N]`: merges the JSON
 * reports of many repositories (each stamped by `scan --repo-name --commit`, or by the action) into
 * one organisation inventory. Reports are read one at a time and reduced to compact rows, so memory
 * follows the number of deployments, not the size of the reports. A folder is searched for `*.json`.
 * Exit 0; 1 when some report could not be used (it is listed in the output); 2 on usage errors.
 */
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../errors.js';
import { renderInventoryCycloneDx } from '../../inventory/cyclonedx.js';
import { InventoryBuilder, inventoryProblem, type Inventory } from '../../inventory/model.js';
import { renderInventoryCsv, renderInventoryJson, renderInventoryMarkdown } from '../../inventory/render.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { oneOf, stringOption, type ParsedOptions } from '../args.js';
import type { CliIO } from '../main.js';

export const INVENTORY_FORMATS = ['markdown', 'csv', 'json', 'cyclonedx'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export async function runInventory(parsed: ParsedOptions, io: CliIO): Promise<number> {
  const { positionals } = parsed;
  const values = {
    format: stringOption(parsed, 'format') ?? 'markdown',
    previous: stringOption(parsed, 'previous'),
    output: stringOption(parsed, 'output'),
    name: stringOption(parsed, 'name'),
    'max-bytes': stringOption(parsed, 'max-bytes'),
  };
  if (positionals.length === 0) throw new UserError('inventory needs at least one JSON report or folder of reports');
  const format = oneOf('--format', values.format as string, INVENTORY_FORMATS);
  const maxBytes =
    values['max-bytes'] === undefined ? undefined : positiveInt('--max-bytes', values['max-bytes'] as string);
  const previous =
    values.previous === undefined ? undefined : readPrevious(path.resolve(io.cwd, values.previous as string));

  const builder = new InventoryBuilder();
  for (const file of reportFiles(positionals.map((p) => path.resolve(io.cwd, p)))) {
    const source = path.relative(io.cwd, file) || file;
    let report: unknown;
    try {
      report = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      builder.problem(source, `cannot read or parse: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    builder.add(report, source);
  }
  const inventory = builder.build({ name: TOOL_NAME, version: TOOL_VERSION }, previous);

  const chunks = render(format, inventory, values.name as string | undefined, maxBytes);
  if (values.output !== undefined) {
    const fd = openSync(path.resolve(io.cwd, values.output as string), 'w');
    try {
      for (const chunk of chunks) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  } else for (const chunk of chunks) io.stdout(chunk);
  for (const p of inventory.problems) io.stderr(`${TOOL_NAME}: ${p.source}: ${p.reason}\n`);
  return inventory.problems.length ? 1 : 0;
}

function render(
  format: InventoryFormat,
  inventory: Inventory,
  name: string | undefined,
  maxBytes?: number,
): Iterable<string> {
  switch (format) {
    case 'markdown':
      return renderInventoryMarkdown(inventory, maxBytes === undefined ? {} : { maxBytes });
    case 'csv':
      return renderInventoryCsv(inventory);
    case 'json':
      return renderInventoryJson(inventory);
    case 'cyclonedx':
      return [renderInventoryCycloneDx(inventory, name)];
  }
}

/** Files as given, and every `*.json` under a folder (sorted, so the result never depends on the file system). */
function reportFiles(inputs: string[]): string[] {
  const out: string[] = [];
  const visit = (target: string, given: boolean): void => {
    let info;
    try {
      info = statSync(target);
    } catch {
      if (given) throw new UserError(`no such report or folder: ${target}`);
      return;
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(target).sort()) {
        const child = path.join(target, entry);
        if (entry.endsWith('.json') || statSync(child).isDirectory()) visit(child, false);
      }
    } else if (info.isFile()) out.push(target);
  };
  for (const input of inputs) visit(input, true);
  return out;
}

function readPrevious(file: string): Inventory {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(
      `--previous ${file}: cannot read or parse: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problem = inventoryProblem(value);
  if (problem) throw new UserError(`--previous ${file}: ${problem}`);
  return value as Inventory;
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`${flag} must be a positive whole number; got "${text}"`);
  return n;
}
