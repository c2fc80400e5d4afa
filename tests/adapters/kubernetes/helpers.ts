/** In-memory scans through the Kubernetes and Compose adapters with every registered rule. */
import { composeAdapter } from '../../../src/adapters/compose/index.js';
import { kubernetesAdapter } from '../../../src/adapters/kubernetes/index.js';
import { scan } from '../../../src/engine/scan.js';
import type { ScanReport } from '../../../src/model/report.js';
import type { ResolvedPolicy } from '../../../src/policy/schema.js';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { RULES } from '../../../src/rules/index.js';

export function scanFiles(files: Record<string, string>, policy: Partial<ResolvedPolicy> = {}): ScanReport {
  return scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) => ({ ok: true, text: files[file]! }),
    policy: defaultPolicy(policy),
    adapters: [kubernetesAdapter, composeAdapter],
    rules: RULES,
  }).report;
}

/** `file:line:column-endLine:endColumn` of each finding of one rule, in report order. */
export function at(report: ScanReport, ruleId: string): string[] {
  return report.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

export function fact(
  report: ScanReport,
  name: string,
  deployment = 0,
): { value: string; reason: string; line: number | null; file: string | null } {
  const d = report.deployments[deployment];
  if (!d) throw new Error(`no deployment ${deployment}; got ${report.deployments.map((x) => x.name).join(', ')}`);
  const f = d.sandbox[name as keyof typeof d.sandbox];
  return { value: f.value, reason: f.reason, line: f.source?.line ?? null, file: f.source?.file ?? null };
}

/** A Deployment running an agent image, with extra pod-spec and container lines spliced in. */
export function agentDeployment(
  opts: { pod?: string[]; container?: string[]; labels?: string; name?: string; namespace?: string } = {},
): string {
  const indent = (lines: string[] | undefined, n: number): string =>
    (lines ?? []).map((l) => `${' '.repeat(n)}${l}\n`).join('');
  return (
    'apiVersion: apps/v1\n' +
    'kind: Deployment\n' +
    'metadata:\n' +
    `  name: ${opts.name ?? 'coder'}\n` +
    (opts.namespace ? `  namespace: ${opts.namespace}\n` : '') +
    'spec:\n' +
    '  template:\n' +
    '    metadata:\n' +
    `      labels: {${opts.labels ?? 'app: coder'}}\n` +
    '    spec:\n' +
    indent(opts.pod, 6) +
    '      containers:\n' +
    '        - name: agent\n' +
    '          image: ghcr.io/block/goose:1.0\n' +
    indent(opts.container, 10)
  );
}

/** `file:line:col-endLine:endCol` of the `nth` occurrence of `needle` in `text` (a one-line span). */
export function where(file: string, text: string, needle: string, nth = 0): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`needle ${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return `${file}:${line}:${column}-${line}:${column + needle.length}`;
}
