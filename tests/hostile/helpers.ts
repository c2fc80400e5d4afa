/** Shared pieces of the hostile-input suite: temp repositories, a stand-in adapter and rule, timing. */
import { writeRepo } from '../helpers/temp-repo.js';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { z } from 'zod';
import type { Adapter } from '../../src/adapters/types.js';
import { deploymentId } from '../../src/model.js';
import type { Deployment, Fact } from '../../src/model.js';
import { defineRule, type Rule } from '../../src/rules/types.js';
import { emptyKind } from '../helpers/details.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh temp directory (real path), removed after the test file. */
export function tempDir(prefix = 'asg-hostile-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  roots.push(dir);
  return dir;
}

/** Writes `files` (string or bytes) into a fresh temp repository and returns its root. */
export function tempRepo(files: Record<string, string | Uint8Array>): string {
  return writeRepo(files, tempDir());
}

const fact = <T extends string>(value: T, file: string, at: (string | number)[] | null): Fact<T> => ({
  value,
  reason: 'set by the hostile-suite adapter',
  source: at ? { file, path: at } : null,
});

/**
 * Claims every YAML/JSON/TOML file and makes one deployment per key of a top-level `agents` mapping,
 * named by that key (so hostile names reach every renderer), with the sandbox disabled at `mode`.
 */
export const agentsAdapter: Adapter = {
  id: 'hostile-agents',
  claims: (file) => /\.(ya?ml|json|toml)$/i.test(file),
  extract(parsed) {
    const deployments: Deployment[] = [];
    for (const doc of parsed.documents) {
      const agents = (doc.value as { agents?: unknown } | null)?.agents;
      if (!agents || typeof agents !== 'object' || Array.isArray(agents)) continue;
      for (const name of Object.keys(agents)) {
        const at = { file: parsed.file, doc: doc.index, path: ['agents', name] };
        deployments.push({
          id: deploymentId('agent-config', parsed.file, name),
          kind: 'agent-config',
          name,
          agent: 'unknown',
          file: parsed.file,
          at,
          root: at,
          sandbox: {
            isolation: fact('none', parsed.file, ['agents', name, 'mode']),
            network: fact('open', parsed.file, null),
            filesystem: fact('full', parsed.file, null),
            approval: fact('bypassed', parsed.file, null),
            credentials: fact('write', parsed.file, null),
            limits: fact('unbounded', parsed.file, null),
          },
          signals: ['an `agents` key'],
          labels: {},
          // The stand-in rule quotes `mode`: carried beside the typed details, as untrusted data.
          details: Object.assign(emptyKind('agent-config').details, {
            mode: (agents as Record<string, { mode?: unknown } | null>)[name]?.mode,
          }),
        });
      }
    }
    return { deployments, findings: [], artifacts: [] };
  },
};

/** Reports every deployment, quoting its name and its `mode` value (untrusted text in the message). */
export const quoteRule = defineRule({
  meta: {
    id: 'hostile-quote',
    title: 'Quotes untrusted names and values for the hostile suite',
    rationale:
      'A stand-in rule: it quotes the deployment name and a raw value so that renderers must escape them. '.repeat(2),
    examples: { fail: '`agents: {x: {mode: y}}`', pass: '`{}`' },
    defaultSeverity: 'error',
    kinds: ['agent-config'],
    securitySeverity: 5,
  },
  options: z.strictObject({}),
  check(d, ctx) {
    ctx.report({
      message: `Agent \`${d.name}\` runs with \`mode: ${String('mode' in d.details ? d.details.mode : undefined)}\`.`,
      at: { file: d.file, path: [...d.at.path, 'mode'] },
    });
  },
}) as Rule;

/**
 * Times `run` at `small` and `large` (after a warm-up at a tenth of `small`). Linear work grows about
 * `large / small` times, quadratic about its square: more than 2.5 times the linear ratio (and over
 * 150 ms) is superlinear. A suspect is measured up to four more times and the fastest of each size
 * kept, so a busy machine (a GC pause, another process) does not fail a linear case while a quadratic
 * one still grows that much every time. This compares growth, never a wall-clock figure.
 */
export function growth(
  run: (size: number) => unknown,
  small: number,
  large: number,
): { small: number; large: number; superlinear: boolean } {
  const time = (size: number): number => elapsed(() => run(size));
  time(Math.max(1, Math.floor(small / 10))); // warm up the regexes and the JIT
  let atSmall = time(small);
  let atLarge = time(large);
  const superlinear = (): boolean => atLarge > 150 && atLarge > 2.5 * (large / small) * Math.max(atSmall, 15);
  for (let retry = 0; retry < 4 && superlinear(); retry++) {
    atSmall = Math.min(atSmall, time(small));
    atLarge = Math.min(atLarge, time(large));
  }
  return { small: atSmall, large: atLarge, superlinear: superlinear() };
}

/** Milliseconds a call takes. */
export function elapsed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}
