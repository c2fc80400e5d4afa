/**
 * The inventory as Markdown (the dashboard), CSV and JSON. Each renderer is a pure generator of
 * text chunks over the inventory, so a large fleet is written out piece by piece.
 */
import { KIND_LABELS } from '../report/view.js';
import { markdownCode, markdownText } from '../report/escape.js';
import { redactSecrets } from '../secrets.js';
import { FACT_LEVELS, SANDBOX_FACTS, type SandboxFactName } from '../model.js';
import { compare, isWeakest, type Inventory, type InventoryDeployment, type RepositorySummary } from './model.js';

export interface MarkdownOptions {
  /** Stop the deployment table before the output passes this many bytes (GitHub job summaries hold 1 MiB). */
  maxBytes?: number;
  /** How many repositories the "worst" table lists. */
  worst?: number;
}

export interface Totals {
  repositories: number;
  failingRepositories: number;
  deployments: number;
  failingDeployments: number;
  byAgent: Map<string, { deployments: number; failing: number }>;
  byKind: Map<string, { deployments: number; failing: number }>;
  /** Deployments whose fact is at its weakest level, per fact. */
  weak: Map<SandboxFactName, number>;
}

export function totals(inventory: Inventory): Totals {
  const byAgent = new Map<string, { deployments: number; failing: number }>();
  const byKind = new Map<string, { deployments: number; failing: number }>();
  const weak = new Map<SandboxFactName, number>(SANDBOX_FACTS.map((f) => [f, 0]));
  let failing = 0;
  for (const d of inventory.deployments) {
    const fail = d.result === 'fail' ? 1 : 0;
    failing += fail;
    bump(byAgent, d.agent, fail);
    bump(byKind, d.kind, fail);
    for (const fact of SANDBOX_FACTS) if (isWeakest(fact, d.sandbox[fact])) weak.set(fact, weak.get(fact)! + 1);
  }
  return {
    repositories: inventory.repositories.length,
    failingRepositories: inventory.repositories.filter((r) => r.result === 'fail').length,
    deployments: inventory.deployments.length,
    failingDeployments: failing,
    byAgent,
    byKind,
    weak,
  };
}

/** Worst first: most failing deployments, then most errors, then most weak facts, then name. */
export function worstRepositories(inventory: Inventory, limit: number): (RepositorySummary & { weak: number })[] {
  const weak = new Map<string, number>();
  for (const d of inventory.deployments) {
    const n = SANDBOX_FACTS.filter((f) => isWeakest(f, d.sandbox[f])).length;
    weak.set(d.repository, (weak.get(d.repository) ?? 0) + n);
  }
  return inventory.repositories
    .filter((r) => r.result === 'fail' || (weak.get(r.repository) ?? 0) > 0)
    .map((r) => ({ ...r, weak: weak.get(r.repository) ?? 0 }))
    .sort(
      (a, b) =>
        b.failing - a.failing ||
        b.findings.error - a.findings.error ||
        b.weak - a.weak ||
        compare(a.repository, b.repository),
    )
    .slice(0, limit);
}

const cell = (text: string): string => markdownText(redactSecrets(text));
const code = (text: string): string => markdownCode(redactSecrets(text));

export function* renderInventoryMarkdown(inventory: Inventory, options: MarkdownOptions = {}): Generator<string> {
  const t = totals(inventory);
  const maxBytes = options.maxBytes ?? Infinity;
  const out = (text: string): string => text;
  // What the table will hold is known before it is written, so a cut is said at the top.
  const rows = inventory.deployments.map(deploymentRow);
  const budget = maxBytes - 4096; // room for the head, totals and the closing lines
  let fits = rows.length;
  if (Number.isFinite(maxBytes)) {
    let size = head(inventory, t, 0, options).length;
    fits = 0;
    for (const r of rows) {
      size += Buffer.byteLength(r);
      if (size > budget) break;
      fits++;
    }
  }
  yield out(head(inventory, t, rows.length - fits, options));
  yield out(`<details><summary>Every deployment (${t.deployments})</summary>\n\n`);
  yield out(`| Repository | Kind | Agent | Deployment | Result | ${SANDBOX_FACTS.join(' | ')} |\n`);
  yield out(`| --- | --- | --- | --- | --- | ${SANDBOX_FACTS.map(() => '---').join(' | ')} |\n`);
  for (let i = 0; i < fits; i++) yield out(rows[i]!);
  if (fits < rows.length)
    yield out(
      `\n${rows.length - fits} more deployments are in the inventory files (CSV, JSON): this page has a size limit.\n`,
    );
  yield out('\n</details>\n');
}

function head(inventory: Inventory, t: Totals, cut: number, options: MarkdownOptions): string {
  const lines: string[] = ['# Agent inventory', ''];
  lines.push(
    `**${t.deployments}** agent deployments in **${t.repositories}** repositories: ${t.failingDeployments} failing the sandbox policy, in ${t.failingRepositories} repositories.`,
    '',
  );
  if (inventory.problems.length) {
    lines.push(
      `> [!WARNING]`,
      `> ${inventory.problems.length} reports could not be used; their repositories are not counted:`,
    );
    for (const p of inventory.problems.slice(0, 20)) lines.push(`> - ${code(p.source)}: ${cell(p.reason)}`);
    if (inventory.problems.length > 20)
      lines.push(`> - and ${inventory.problems.length - 20} more (see the JSON inventory)`);
    lines.push('');
  }
  const unstamped = inventory.repositories.filter((r) => r.unstamped).length;
  if (unstamped)
    lines.push(
      `> [!NOTE]`,
      `> ${unstamped} reports name no repository (scan without \`--repo-name\`); their file names stand in.`,
      '',
    );
  if (cut)
    lines.push(
      `> [!NOTE]`,
      `> The deployment table below lists ${t.deployments - cut} of ${t.deployments} deployments (size limit); the CSV and JSON inventories hold all of them.`,
      '',
    );
  const missing = inventory.changes?.missingRepositories.length ?? 0;
  if (missing)
    lines.push(
      `> [!WARNING]`,
      `> ${missing} repositories of the previous inventory have no report in this run (not scanned, archived or deleted); their agents are not counted as removed.`,
      '',
    );

  lines.push('## Totals', '', '| Agent | Deployments | Failing |', '| --- | --- | --- |');
  for (const [agent, n] of sortCounts(t.byAgent)) lines.push(`| ${code(agent)} | ${n.deployments} | ${n.failing} |`);
  lines.push('', '| Kind | Deployments | Failing |', '| --- | --- | --- |');
  for (const [kind, n] of sortCounts(t.byKind))
    lines.push(`| ${cell(KIND_LABELS[kind as keyof typeof KIND_LABELS] ?? kind)} | ${n.deployments} | ${n.failing} |`);
  lines.push('', '| Weak fact | Deployments |', '| --- | --- |');
  for (const fact of SANDBOX_FACTS) lines.push(`| ${fact}: ${FACT_LEVELS[fact][0]} | ${t.weak.get(fact)} |`);
  lines.push('');

  const worst = worstRepositories(inventory, options.worst ?? 10);
  lines.push('## Worst repositories', '');
  if (worst.length === 0) lines.push('No repository fails the policy or has a fact at its weakest level.', '');
  else {
    lines.push(
      '| Repository | Failing deployments | Errors | Warnings | Weak facts |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of worst)
      lines.push(
        `| ${code(r.repository)} | ${r.failing} of ${r.deployments} | ${r.findings.error} | ${r.findings.warning} | ${r.weak} |`,
      );
    lines.push('');
  }
  if (inventory.changes) lines.push(...changeLines(inventory), '');
  return `${lines.join('\n')}\n`;
}

function changeLines(inventory: Inventory): string[] {
  const c = inventory.changes!;
  const lines = [
    '## Changes since the previous inventory',
    '',
    `${c.added.length} new agents, ${c.removed.length} removed, ${c.weaker.length} facts weaker, ${c.stronger.length} stronger; ${c.newRepositories.length} repositories new to the inventory.`,
    '',
  ];
  if (!c.added.length && !c.removed.length && !c.weaker.length && !c.stronger.length) return lines;
  lines.push('| Repository | Change | Deployment | Detail |', '| --- | --- | --- | --- |');
  for (const d of c.added)
    lines.push(`| ${code(d.repository)} | new agent | ${code(d.name)} | ${code(d.agent)} (${d.kind}) |`);
  for (const d of c.removed)
    lines.push(`| ${code(d.repository)} | removed agent | ${code(d.name)} | ${code(d.agent)} (${d.kind}) |`);
  for (const f of c.weaker)
    lines.push(`| ${code(f.repository)} | weaker | ${code(f.name)} | ${f.fact}: ${cell(f.from)} → ${cell(f.to)} |`);
  for (const f of c.stronger)
    lines.push(`| ${code(f.repository)} | stronger | ${code(f.name)} | ${f.fact}: ${cell(f.from)} → ${cell(f.to)} |`);
  return lines;
}

function deploymentRow(d: InventoryDeployment): string {
  const facts = SANDBOX_FACTS.map((f) =>
    isWeakest(f, d.sandbox[f]) ? `**${cell(d.sandbox[f])}**` : cell(d.sandbox[f]),
  );
  return `| ${code(d.repository)} | ${d.kind} | ${code(d.agent)} | ${code(d.name)} (${code(`${d.file}:${d.line}`)}) | ${d.result} | ${facts.join(' | ')} |\n`;
}

export const CSV_COLUMNS = [
  'repository',
  'kind',
  'agent',
  'name',
  'file',
  'line',
  'result',
  ...SANDBOX_FACTS,
  'packages',
  'images',
  'models',
  'tools',
  'change',
] as const;

/** RFC 4180 CSV; a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading `'`. */
export function* renderInventoryCsv(inventory: Inventory): Generator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  const changeOf = changeIndex(inventory);
  for (const d of inventory.deployments) {
    const names = (kind: string): string =>
      d.components
        .filter((c) => c.kind === kind)
        .map((c) => c.purl ?? (c.version ? `${c.name}@${c.version}` : c.name))
        .join(' ');
    const values = [
      d.repository,
      d.kind,
      d.agent,
      d.name,
      d.file,
      String(d.line),
      d.result,
      ...SANDBOX_FACTS.map((f) => d.sandbox[f]),
      names('package'),
      names('image'),
      names('model'),
      names('tool'),
      changeOf.get(`${d.repository}\u0000${d.id}`) ?? '',
    ];
    yield `${values.map(csvCell).join(',')}\r\n`;
  }
  for (const d of inventory.changes?.removed ?? [])
    yield `${[d.repository, d.kind, d.agent, d.name, '', '', '', ...SANDBOX_FACTS.map(() => ''), '', '', '', '', 'removed'].map(csvCell).join(',')}\r\n`;
}

function changeIndex(inventory: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  const c = inventory.changes;
  if (!c) return out;
  const key = (d: { repository: string; id: string }): string => `${d.repository}\u0000${d.id}`;
  for (const d of c.added) out.set(key(d), 'new');
  const facts = new Map<string, string[]>();
  for (const [list, word] of [
    [c.weaker, 'weaker'],
    [c.stronger, 'stronger'],
  ] as const)
    for (const f of list) facts.set(key(f), [...(facts.get(key(f)) ?? []), `${f.fact} ${word} (${f.from} → ${f.to})`]);
  for (const [k, v] of facts) out.set(k, v.join('; '));
  return out;
}

export function csvCell(value: string): string {
  const safe = redactSecrets(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The JSON inventory (also what `--previous` reads), one deployment per line inside a stable layout. */
const redact = (_key: string, value: unknown): unknown => (typeof value === 'string' ? redactSecrets(value) : value);

export function* renderInventoryJson(inventory: Inventory): Generator<string> {
  const text = (v: unknown): string => JSON.stringify(v, redact);
  yield `{\n  "inventoryVersion": ${inventory.inventoryVersion},\n  "tool": ${text(inventory.tool)},\n`;
  yield* list('repositories', inventory.repositories, text);
  yield ',\n';
  yield* list('deployments', inventory.deployments, text);
  yield `,\n  "problems": ${text(inventory.problems)}`;
  if (inventory.changes) yield `,\n  "changes": ${JSON.stringify(inventory.changes, redact, 2).replace(/\n/g, '\n  ')}`;
  yield '\n}\n';
}

function* list(name: string, items: readonly unknown[], text: (v: unknown) => string): Generator<string> {
  if (items.length === 0) {
    yield `  "${name}": []`;
    return;
  }
  yield `  "${name}": [\n`;
  for (let i = 0; i < items.length; i++) yield `    ${text(items[i])}${i + 1 < items.length ? ',' : ''}\n`;
  yield '  ]';
}

function bump(map: Map<string, { deployments: number; failing: number }>, key: string, fail: number): void {
  const n = map.get(key) ?? { deployments: 0, failing: 0 };
  n.deployments++;
  n.failing += fail;
  map.set(key, n);
}

const sortCounts = <T extends { deployments: number }>(map: Map<string, T>): [string, T][] =>
  [...map].sort((a, b) => b[1].deployments - a[1].deployments || compare(a[0], b[0]));
