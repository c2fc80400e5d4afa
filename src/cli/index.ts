#!/usr/bin/env node
/** CLI entry: runs `main` with the real process streams and sets the exit code. */
import { main } from './main.js';
import { usePlainEnv } from '../util/plain-env.js';

usePlainEnv();

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
  stderrIsTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
