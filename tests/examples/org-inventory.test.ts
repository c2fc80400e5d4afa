/**
 * examples/workflows/org-inventory.yml: its steps call only commands and options the CLI has, with
 * values it accepts, and the project's own scanner passes it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INVENTORY_FORMATS } from '../../src/cli/commands/inventory.js';
import { commandDef } from '../../src/cli/definitions.js';
import { main } from '../../src/cli/main.js';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { FORMATS } from '../../src/report/index.js';
import { writeRepo } from '../helpers/temp-repo.js';

const FILE = path.resolve(import.meta.dirname, '../../examples/workflows/org-inventory.yml');
const TEXT = readFileSync(FILE, 'utf8');
const WORKFLOW = parse(TEXT) as { env: Record<string, unknown>; jobs: Record<string, { steps: { run?: string }[] }> };

/** The options a command takes, from the CLI's own definitions. */
function optionsOf(name: string): Record<string, { type: string }> {
  return Object.fromEntries(commandDef(name)!.options.map((o) => [o.name, { type: o.type }]));
}

const COMMANDS: Record<string, { options: Record<string, { type: string }>; formats: readonly string[] }> = {
  scan: { options: optionsOf('scan'), formats: FORMATS },
  inventory: { options: optionsOf('inventory'), formats: INVENTORY_FORMATS },
  paths: { options: optionsOf('paths'), formats: ['lines', 'json'] },
};

/** Every `node "$ASG_CLI" …` call in the workflow's `run:` blocks, as words up to the end of the command. */
function cliCalls(): string[][] {
  const calls: string[][] = [];
  for (const job of Object.values(WORKFLOW.jobs))
    for (const step of job.steps) {
      if (!step.run) continue;
      const script = step.run.replace(/\\\n\s*/g, ' ');
      for (const m of script.matchAll(/node "\$ASG_CLI"([^\n|;&>]*)/g)) calls.push(m[1]!.trim().split(/\s+/));
    }
  return calls;
}

describe('examples/workflows/org-inventory.yml', () => {
  const calls = cliCalls();

  it('calls paths, scan with a repository stamp, and inventory with the previous inventory', () => {
    const commands = calls.map((c) => c[0]);
    expect(new Set(commands)).toEqual(new Set(['paths', 'scan', 'inventory']));
    expect(calls.find((c) => c[0] === 'scan')).toEqual(
      expect.arrayContaining(['--repo-name', '--commit', '--format', 'json']),
    );
    expect(calls.some((c) => c[0] === 'inventory' && c.includes('"${prev[@]}"'))).toBe(true);
    expect(TEXT).toContain('prev=(--previous previous/agents.json)');
  });

  it('uses only commands and options the CLI has, with values it accepts', () => {
    for (const call of [...calls, ['inventory', '--previous', 'previous/agents.json']]) {
      const [command, ...words] = call;
      const spec = COMMANDS[command!];
      expect(spec, `unknown command ${command}`).toBeDefined();
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        if (!word.startsWith('--')) continue;
        const name = word.slice(2);
        expect(spec!.options[name], `${command} has no option ${word}`).toBeDefined();
        if (name === 'format') expect(spec!.formats).toContain(words[i + 1]);
        if (spec!.options[name]!.type === 'string') i++;
      }
    }
  });

  it('keeps the matrix within 256 jobs', () => {
    expect(Number(WORKFLOW.env['MAX_JOBS'])).toBeLessThanOrEqual(256);
    expect(TEXT).toContain('if [ "$shards" -gt "$MAX_JOBS" ]; then shards=$MAX_JOBS; fi');
  });

  it('passes the project’s own scanner, with no finding at all', async () => {
    const root = writeRepo({ '.github/workflows/org-inventory.yml': TEXT });
    const { report } = scanDirectory({ root, policy: defaultPolicy() });
    expect(report.result).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(report.coverage.skipped).toEqual([]);
    const io = { cwd: root, stdout: () => undefined, stderr: () => undefined };
    expect(
      await main(['scan', root, '--policy', path.resolve(import.meta.dirname, '../../policies/strict.yml')], io),
    ).toBe(0);
  });
});
