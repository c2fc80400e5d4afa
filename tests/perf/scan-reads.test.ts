/**
 * The scan reads each file at most once (no read cache: the sniff's read feeds the parse, parsed texts
 * feed suppressions), and the suppression pre-filter still finds comments in any letter case.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Adapter } from '../../src/adapters/types.js';
import { deploymentId } from '../../src/model.js';
import { scan } from '../../src/engine/scan.js';
import type { Deployment, Fact } from '../../src/model.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { defineRule, type Rule } from '../../src/rules/types.js';
import { emptyKind } from '../helpers/details.js';

const fact = <T extends string>(value: T): Fact<T> => ({ value, reason: 'test', source: null });

function agent(file: string, name: string): Deployment {
  const at = { file, path: ['agents', name] };
  return {
    id: deploymentId('agent-config', file, name),
    ...emptyKind('agent-config'),
    name,
    agent: 'unknown',
    file,
    at,
    root: at,
    signals: ['test'],
    labels: {},
    sandbox: {
      isolation: fact('none'),
      network: fact('open'),
      filesystem: fact('workspace'),
      approval: fact('restricted'),
      credentials: fact('none'),
      limits: fact('bounded'),
    },
  };
}

/** Sniffs for `agents:`; its extract also loads `shared.yml`, as cross-file adapters do. */
const sniffing: Adapter = {
  id: 'sniffing',
  claims: (file) => file.endsWith('.yml'),
  sniff: (_file, text) => text.includes('agents:'),
  extract(parsed, context) {
    context.load('shared.yml');
    const agents = (parsed.documents[0]?.value as { agents?: Record<string, unknown> } | null)?.agents ?? {};
    return { deployments: Object.keys(agents).map((name) => agent(parsed.file, name)), findings: [], artifacts: [] };
  },
};
/** Claims the same files without a sniff, so a file loaded for one adapter must not be read again for another. */
const plain: Adapter = {
  id: 'plain',
  claims: (file) => file === 'shared.yml' || file === 'a.yml',
  extract: () => ({ deployments: [], findings: [], artifacts: [] }),
};

const flag = defineRule({
  meta: {
    id: 'flag',
    title: 'Flags every agent',
    rationale: 'x'.repeat(90),
    examples: { fail: 'a', pass: 'b' },
    defaultSeverity: 'error',
    kinds: ['agent-config'],
    securitySeverity: 5,
  },
  options: z.strictObject({}),
  check(d, ctx) {
    ctx.report({ message: `flagged ${d.name}`, at: d.at });
  },
}) as Rule;

const FILES: Record<string, string> = {
  'a.yml': 'agents:\n  quiet: {} # AGENT-SANDBOX: ignore[flag] runs in a VM\n  loud: {}\n',
  'b.yml': 'agents:\n  other: {} # agent-sandbox is mentioned, but not as a suppression\n',
  'shared.yml': 'agents: {}\n',
  'skip.yml': 'nothing: here\n',
  'notes.txt': 'agent-sandbox: ignore[flag] not a config file\n',
};

describe('scan reads', () => {
  it('reads every file at most once and only files an adapter claims', () => {
    const reads = new Map<string, number>();
    const { report } = scan({
      files: Object.keys(FILES).sort(),
      skipped: [],
      read: (file) => {
        reads.set(file, (reads.get(file) ?? 0) + 1);
        return { ok: true, text: FILES[file]! };
      },
      policy: defaultPolicy(),
      adapters: [sniffing, plain],
      rules: [flag],
      today: '2026-01-01',
    });
    expect(Object.fromEntries(reads)).toEqual({ 'a.yml': 1, 'b.yml': 1, 'shared.yml': 1, 'skip.yml': 1 });
    const byName = Object.fromEntries(
      report.findings.filter((f) => f.ruleId === 'flag').map((f) => [f.message, f.suppressed?.kind ?? null]),
    );
    expect(byName).toEqual({ 'flagged quiet': 'inline', 'flagged loud': null, 'flagged other': null });
  });
});
