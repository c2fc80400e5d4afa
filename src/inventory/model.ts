/**
 * The organisation inventory: one compact row per agent deployment of every repository, a summary
 * per repository, and what changed since a previous inventory. Built from scan reports one at a
 * time (`InventoryBuilder.add`), keeping only these rows, so a fleet of reports is never held in
 * memory at once. Pure: no file or network access; the CLI reads the reports and writes the output.
 */
import type { ComponentKind, ComponentReport, DeploymentReport, ScanReport } from '../model/report.js';
import {
  FACT_LEVELS,
  SANDBOX_FACTS,
  SEVERITIES,
  type DeploymentKind,
  type SandboxFactName,
  type Severity,
} from '../model.js';

export const INVENTORY_VERSION = 1;

export type FactValues = Record<SandboxFactName, string>;

export interface InventoryComponent {
  kind: ComponentKind;
  name: string;
  version: string | null;
  purl: string | null;
}

export interface InventoryDeployment {
  repository: string;
  id: string;
  kind: DeploymentKind;
  agent: string;
  name: string;
  file: string;
  line: number;
  result: 'pass' | 'fail';
  sandbox: FactValues;
  components: InventoryComponent[];
}

export interface RepositorySummary {
  repository: string;
  commit: string | null;
  result: 'pass' | 'fail';
  deployments: number;
  failing: number;
  /** Unsuppressed findings per severity. */
  findings: Record<Severity, number>;
  /** Files the scan could not read, parse or evaluate. */
  skipped: number;
  /** True when the report carried no `repository` and the name comes from its file name. */
  unstamped?: boolean;
}

/** A report that could not be used, and why: listed, never dropped silently. */
export interface InventoryProblem {
  source: string;
  reason: string;
}

export interface FactChange {
  repository: string;
  id: string;
  name: string;
  fact: SandboxFactName;
  from: string;
  to: string;
}

export interface DeploymentRef {
  repository: string;
  id: string;
  kind: DeploymentKind;
  agent: string;
  name: string;
}

export interface InventoryChanges {
  previous: { repositories: number; deployments: number };
  added: DeploymentRef[];
  removed: DeploymentRef[];
  weaker: FactChange[];
  stronger: FactChange[];
  /** In this run but not the previous inventory. */
  newRepositories: string[];
  /** In the previous inventory but with no report in this run: not scanned, so nothing is counted as removed. */
  missingRepositories: string[];
}

export interface Inventory {
  inventoryVersion: typeof INVENTORY_VERSION;
  tool: { name: string; version: string };
  repositories: RepositorySummary[];
  deployments: InventoryDeployment[];
  problems: InventoryProblem[];
  changes?: InventoryChanges;
}

/** A fact at its weakest level (`isolation: none`, `network: open`, …), from the model's own level order. */
export const isWeakest = (fact: SandboxFactName, value: string): boolean => FACT_LEVELS[fact][0] === value;

/** Collects reports one at a time into compact rows. */
export class InventoryBuilder {
  private readonly repositories = new Map<string, RepositorySummary>();
  private readonly deployments: InventoryDeployment[] = [];
  private readonly problems: InventoryProblem[] = [];
  private tool: Inventory['tool'] | null = null;

  /** Adds one parsed report; `source` names it (its file) for problems and unstamped reports. */
  add(value: unknown, source: string): void {
    const problem = reportProblem(value);
    if (problem) {
      this.problems.push({ source, reason: problem });
      return;
    }
    const report = value as ScanReport;
    const unstamped = !report.repository;
    const repository = report.repository ?? nameFromSource(source);
    if (this.repositories.has(repository)) {
      this.problems.push({ source, reason: `a second report for ${repository}; the first one read is kept` });
      return;
    }
    this.tool ??= { name: report.tool.name, version: report.tool.version };
    const findings = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of report.findings) if (!f.suppressed) findings[f.severity]++;
    this.repositories.set(repository, {
      repository,
      commit: report.commit ?? null,
      result: report.result,
      deployments: report.deployments.length,
      failing: report.deployments.filter((d) => d.result === 'fail').length,
      findings,
      skipped: report.coverage.skipped.length,
      ...(unstamped ? { unstamped: true } : {}),
    });
    for (const d of report.deployments) this.deployments.push(row(repository, d));
  }

  problem(source: string, reason: string): void {
    this.problems.push({ source, reason });
  }

  build(tool: Inventory['tool'], previous?: Inventory): Inventory {
    const repositories = [...this.repositories.values()].sort((a, b) => compare(a.repository, b.repository));
    const deployments = this.deployments.sort(
      (a, b) =>
        compare(a.repository, b.repository) || compare(a.file, b.file) || a.line - b.line || compare(a.id, b.id),
    );
    const inventory: Inventory = {
      inventoryVersion: INVENTORY_VERSION,
      tool: this.tool ?? tool,
      repositories,
      deployments,
      problems: [...this.problems].sort((a, b) => compare(a.source, b.source)),
    };
    if (previous) inventory.changes = diffInventories(previous, inventory);
    return inventory;
  }
}

function row(repository: string, d: DeploymentReport): InventoryDeployment {
  const sandbox = {} as FactValues;
  for (const name of SANDBOX_FACTS) sandbox[name] = d.sandbox[name].value;
  return {
    repository,
    id: d.id,
    kind: d.kind,
    agent: d.agent,
    name: d.name,
    file: d.file,
    line: d.line,
    result: d.result,
    sandbox,
    components: (d.components ?? []).map(compactComponent),
  };
}

const compactComponent = (c: ComponentReport): InventoryComponent => ({
  kind: c.kind,
  name: c.name,
  version: c.version,
  purl: c.purl,
});

/** Why a parsed file is not a usable scan report, or null when it is one. */
export function reportProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const r = value as Partial<ScanReport>;
  if (r.version !== 1)
    return `not an ${'agent-sandbox-guard'} JSON report (version ${JSON.stringify(r.version)}, expected 1)`;
  if (!Array.isArray(r.deployments) || !Array.isArray(r.findings) || !r.coverage || !r.tool)
    return 'not a complete report: deployments, findings, coverage or tool is missing';
  for (const d of r.deployments) {
    if (!d || typeof d !== 'object' || typeof d.id !== 'string' || !d.sandbox)
      return 'a deployment without id or sandbox';
    for (const fact of SANDBOX_FACTS)
      if (typeof d.sandbox[fact]?.value !== 'string') return `deployment ${d.id} has no ${fact} fact`;
  }
  if (r.repository !== undefined && typeof r.repository !== 'string') return '`repository` is not a string';
  return null;
}

/** `reports/acme__api.json` → `acme__api`: a name for a report that does not say its repository. */
const nameFromSource = (source: string): string =>
  source
    .split(/[\\/]/)
    .pop()!
    .replace(/\.json$/i, '');

/** Why a parsed file is not an inventory (for `--previous`), or null. */
export function inventoryProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'not a JSON object';
  const v = value as Partial<Inventory>;
  if (v.inventoryVersion !== INVENTORY_VERSION)
    return `not an inventory (inventoryVersion ${JSON.stringify(v.inventoryVersion)}, expected ${INVENTORY_VERSION}); write it with \`inventory --format json\``;
  if (!Array.isArray(v.repositories) || !Array.isArray(v.deployments)) return 'repositories or deployments is missing';
  return null;
}

/**
 * What changed per repository: agents added and removed, and facts that moved down (weaker) or up
 * (stronger) in the model's level order. Repositories absent from this run are listed, not emptied.
 */
export function diffInventories(previous: Inventory, current: Inventory): InventoryChanges {
  const scanned = new Set(current.repositories.map((r) => r.repository));
  const before = new Set(previous.repositories.map((r) => r.repository));
  const key = (d: { repository: string; id: string }): string => `${d.repository}\u0000${d.id}`;
  const old = new Map(previous.deployments.filter((d) => scanned.has(d.repository)).map((d) => [key(d), d]));
  const changes: InventoryChanges = {
    previous: { repositories: previous.repositories.length, deployments: previous.deployments.length },
    added: [],
    removed: [],
    weaker: [],
    stronger: [],
    newRepositories: [...scanned].filter((r) => !before.has(r)).sort(compare),
    missingRepositories: [...before].filter((r) => !scanned.has(r)).sort(compare),
  };
  for (const d of current.deployments) {
    const was = old.get(key(d));
    if (!was) {
      changes.added.push(refOf(d));
      continue;
    }
    old.delete(key(d));
    for (const fact of SANDBOX_FACTS) {
      const levels = FACT_LEVELS[fact];
      const from = was.sandbox?.[fact];
      const to = d.sandbox[fact];
      if (from === undefined || from === to) continue;
      const change = { repository: d.repository, id: d.id, name: d.name, fact, from, to };
      // Lower index is weaker; an unknown old value counts as weaker so a change is never hidden.
      const a = levels.indexOf(from);
      const b = levels.indexOf(to);
      (a < 0 || b < a ? changes.weaker : changes.stronger).push(change);
    }
  }
  changes.removed = [...old.values()]
    .map(refOf)
    .sort((a, b) => compare(a.repository, b.repository) || compare(a.id, b.id));
  return changes;
}

const refOf = (d: InventoryDeployment): DeploymentRef => ({
  repository: d.repository,
  id: d.id,
  kind: d.kind,
  agent: d.agent,
  name: d.name,
});

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
