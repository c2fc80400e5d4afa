/**
 * Test doubles for policy tests: an adapter reading `agents.yml` (or .json, .jsonc, .toml) files that declare deployments and
 * their facts directly, so policy behaviour is tested with exact positions independent of the real
 * adapters' detection.
 *
 *   agents:
 *     reviewer:                 # name; `at` and `root` point here
 *       kind: k8s-workload
 *       agent: claude-code
 *       labels: { team: a }
 *       sandbox:
 *         isolation: container  # a fact given here has this line as its source
 *       spec: { … }             # raw fields for custom rules
 */
import { writeRepo } from '../helpers/temp-repo.js';
import type { Adapter } from '../../src/adapters/types.js';
import { scanDirectory } from '../../src/engine/index.js';
import { deploymentId } from '../../src/model.js';
import type { Deployment, DeploymentKind, Fact, Sandbox } from '../../src/model.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import { listFiles } from '../helpers/golden.js';
import { emptyKind } from '../helpers/details.js';

const DEFAULTS: Record<keyof Sandbox, string> = {
  isolation: 'none',
  network: 'open',
  filesystem: 'full',
  approval: 'unrestricted',
  credentials: 'write',
  limits: 'unbounded',
};

export const agentsAdapter: Adapter = {
  id: 'test-agents',
  claims: (file) => /(^|\/)agents\.(yml|json|jsonc|toml)$/.test(file),
  extract(parsed) {
    const deployments: Deployment[] = [];
    for (const doc of parsed.documents) {
      const agents = (doc.value as { agents?: Record<string, Record<string, unknown>> } | null)?.agents ?? {};
      for (const [name, spec] of Object.entries(agents)) {
        const at = { file: parsed.file, doc: doc.index, path: ['agents', name] };
        const given = (spec.sandbox ?? {}) as Record<string, string>;
        const sandbox = {} as Record<string, Fact<string>>;
        for (const [fact, fallback] of Object.entries(DEFAULTS)) {
          sandbox[fact] =
            given[fact] !== undefined
              ? {
                  value: given[fact]!,
                  reason: `\`sandbox.${fact}\` is ${given[fact]}`,
                  source: { ...at, path: ['agents', name, 'sandbox', fact] },
                }
              : { value: fallback, reason: `nothing sets ${fact}`, source: null };
        }
        const kind = (spec.kind ?? 'k8s-workload') as DeploymentKind;
        deployments.push({
          id: deploymentId(kind, parsed.file, name),
          ...emptyKind(kind),
          name,
          agent: String(spec.agent ?? 'unknown'),
          file: parsed.file,
          at,
          sandbox: sandbox as unknown as Sandbox,
          signals: ['declared in agents.yml'],
          labels: (spec.labels ?? {}) as Record<string, string>,
          root: at,
        });
      }
    }
    return { deployments, findings: [], artifacts: [] };
  },
};

/** A temporary repository with these files. */
export const repo = (files: Record<string, string>): string => writeRepo(files);

export const TODAY = '2026-03-01';

/** Scans with the test adapter (and the real rules); `today` is fixed. */
export function scanWith(root: string, policy: ResolvedPolicy, today = TODAY) {
  return scanDirectory({ root, policy, adapters: [agentsAdapter], listing: listFiles(root), today }).report;
}

/** `rule line:column-endLine:endColumn` lines, for compact exact assertions. */
export const spots = (
  findings: readonly {
    ruleId: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    file?: string;
  }[],
) => findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
