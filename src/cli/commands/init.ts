/**
 * `agent-sandbox-guard init [DIR] [--preset recommended|strict] [--force] [--stdout]`: writes a
 * commented starter `.github/agent-sandbox.yml` tuned to what a scan of the repository finds: the
 * deployments, the preset it already passes, the rules that fire, exception stubs for them and a
 * custom-rule example for the most common deployment kind.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Adapter } from '../../adapters/types.js';
import { meetsThreshold } from '../../model/report.js';
import { prepareScan, scanDirectory } from '../../engine/index.js';
import type { ScanReport } from '../../model/report.js';
import { UserError } from '../../errors.js';
import { FACT_LEVELS, SANDBOX_FACTS, SEVERITIES, type DeploymentKind } from '../../model.js';
import { addDays, todayUtc } from '../../util/dates.js';
import { DEFAULT_POLICY_FILES, loadPolicy, loadPreset } from '../../policy/load.js';
import { PRESET_NAMES, SCHEMA_URL, isPresetName, type PresetName } from '../../policy/presets.js';
import { TOOL_NAME } from '../../version.js';
import { stringOption, type ParsedOptions } from '../args.js';
import type { CliIO } from '../io.js';
import { append, maxOf } from '../../util/arrays.js';

const GUIDE_URL = 'https://github.com/agent-sandbox-guard/agent-sandbox-guard/blob/main/docs/policy.md';
const MAX_LISTED = 15;

export async function runInit(parsed: ParsedOptions, io: CliIO): Promise<number> {
  await prepareScan();
  const { positionals } = parsed;
  const values = {
    preset: stringOption(parsed, 'preset'),
    force: parsed.values.force === true,
    stdout: parsed.values.stdout === true,
  };
  if (positionals.length > 1) throw new UserError('init takes at most one directory');
  if (values.preset !== undefined && !isPresetName(values.preset))
    throw new UserError(`--preset must be one of ${PRESET_NAMES.join(', ')}; got "${values.preset}"`);
  const given = positionals[0] ?? '.';
  const root = path.resolve(io.cwd, given);
  if (!existsSync(root)) throw new UserError(`${given}: no such directory`);
  if (!statSync(root).isDirectory())
    throw new UserError(
      `${given} is a file; init takes the repository's folder and writes ${DEFAULT_POLICY_FILES[0]} there`,
    );
  const existing = DEFAULT_POLICY_FILES.find((f) => existsSync(path.join(root, f)));
  if (existing && !values.force && !values.stdout)
    throw new UserError(`${existing} already exists; use --force to replace it or --stdout to print a new one`);

  const text = starterPolicy(root, { ...(values.preset ? { preset: values.preset as PresetName } : {}) });
  loadPolicy({ root, text }); // what init writes must load; a failure here is a bug, not a user error
  if (values.stdout) {
    io.stdout(text);
    return 0;
  }
  const target = path.join(root, DEFAULT_POLICY_FILES[0]);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  if (existing && existing !== DEFAULT_POLICY_FILES[0])
    io.stderr(
      `${TOOL_NAME}: note: ${existing} still exists; remove it, the policy is now ${DEFAULT_POLICY_FILES[0]}\n`,
    );
  io.stdout(`wrote ${DEFAULT_POLICY_FILES[0]}\n`);
  return 0;
}

export interface StarterOptions {
  preset?: PresetName;
  today?: string;
  adapters?: readonly Adapter[];
}

/** Scans `root` under each preset and writes the starter policy text. */
export function starterPolicy(root: string, options: StarterOptions = {}): string {
  const scanWith = (name: PresetName): ScanReport =>
    scanDirectory({
      root,
      policy: loadPreset(name),
      ...(options.adapters ? { adapters: options.adapters } : {}),
      ...(options.today ? { today: options.today } : {}),
    }).report;
  return renderStarter(
    { recommended: scanWith('recommended'), strict: scanWith('strict') },
    { ...options, today: options.today ?? todayUtc() },
  );
}

/** The starter text from the two scans; pure, so tests can feed it any report. */
export function renderStarter(
  reports: Record<PresetName, ScanReport>,
  options: { preset?: PresetName; today: string },
): string {
  const found = reports.recommended.deployments;
  const preset: PresetName =
    options.preset ?? (found.length > 0 && reports.strict.result === 'pass' ? 'strict' : 'recommended');
  const report = reports[preset];
  const failOn = loadPreset(preset).failOn;
  const out: string[] = [
    `# ${TOOL_NAME} policy: what this repository allows its AI agents to do.`,
    `# Written by \`${TOOL_NAME} init\` from a scan on ${options.today}; edit freely.`,
    `# Guide: ${GUIDE_URL}`,
    `$schema: ${SCHEMA_URL}`,
    '',
  ];

  if (found.length === 0)
    out.push('# The scan found no agent deployments yet. This policy applies to the first ones added.');
  else {
    out.push(`# The scan found ${found.length} agent deployment${found.length === 1 ? '' : 's'}:`);
    const width = Math.min(48, maxOf(found.slice(0, MAX_LISTED).map((d) => `${d.file}:${d.line}`.length)));
    for (const d of found.slice(0, MAX_LISTED))
      out.push(`#   ${`${d.file}:${d.line}`.padEnd(width)}  ${d.name} (${d.kind}, ${d.agent})`);
    if (found.length > MAX_LISTED) out.push(`#   … and ${found.length - MAX_LISTED} more`);
  }
  out.push('');
  append(out, presetLines(preset, reports, options.preset !== undefined));
  out.push(
    `extends: ${preset}`,
    '',
    '# Lowest severity that fails the run: error | warning | notice | never.',
    `fail-on: ${failOn}`,
    '',
  );

  const open = report.findings.filter((f) => !f.suppressed);
  const byRule = new Map<string, typeof open>();
  for (const f of open) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const ruleIds = [...byRule.keys()].sort();
  out.push(
    ruleIds.length
      ? `# Findings under \`${preset}\` today, by rule.`
      : `# No rule reports anything under \`${preset}\` today.`,
    '# To change a rule, uncomment `rules:` and its line (off | error | warning | notice):',
    '# rules:',
  );
  const width = Math.max(16, ...ruleIds.map((id) => id.length));
  for (const id of ruleIds) {
    const list = byRule.get(id)!;
    const worst = SEVERITIES.find((s) => list.some((f) => f.severity === s))!;
    const note = `# ${list.length} finding${list.length === 1 ? '' : 's'}, first at ${list[0]!.file}:${list[0]!.line}`;
    if (id === 'sandbox-required')
      out.push(
        '#   sandbox-required:',
        `#     severity: ${worst.padEnd(width - 6)} ${note}`,
        '#     options:',
        `#       minimum: ${preset === 'strict' ? 'container' : 'process'}`,
      );
    else out.push(`#   ${`${id}:`.padEnd(width + 1)} ${worst.padEnd(7)} ${note}`);
  }
  if (!byRule.has('sandbox-required'))
    out.push(
      '#   sandbox-required:',
      '#     options:',
      `#       minimum: ${preset === 'strict' ? 'gvisor' : 'container'}`,
    );
  out.push('');

  out.push(
    '# A finding you accept for now: an exception with a reason and an expiry date. Unused and',
    '# expired exceptions are reported, so they cannot rot silently.',
    '# exceptions:',
  );
  const failing = open.filter((f) => meetsThreshold(f.severity, failOn));
  const stubs = [...new Map(failing.map((f) => [`${f.ruleId}\u0000${f.file}`, f])).values()].slice(0, 6);
  for (const f of stubs.length ? stubs : [{ ruleId: 'sandbox-required', file: '.github/workflows/agent.yml' }]) {
    out.push(
      `#   - rule: ${f.ruleId}`,
      `#     paths: [${JSON.stringify(f.file)}]`,
      '#     reason: why this is acceptable until it is fixed',
      `#     expires: ${addDays(options.today, 90)}`,
    );
  }
  out.push('');
  const attestations = attestationStubs(report, options.today);
  if (attestations.length > 0) append(out, [...attestations, '']);
  append(out, customRuleExample(found));
  out.push(
    '',
    '# Suppressions written in the scanned files (`# agent-sandbox: ignore[rule-id] reason until=YYYY-MM-DD`,',
    '# or the `agent-sandbox/ignore.<rule-id>` annotation on Kubernetes workloads).',
    'suppressions:',
    '  inline: true',
    '  annotations: true',
    '  require-reason: true',
    '  max-days: 90',
  );
  return `${out.join('\n')}\n`;
}

const MAX_ATTESTATIONS = 6;

/**
 * Commented attestations for what the scan cannot see: jobs on self-hosted runners, and facts that
 * rest on a control outside the repository (a firewall set in repository settings).
 */
function attestationStubs(report: ScanReport, today: string): string[] {
  const byId = new Map(report.deployments.map((d) => [d.id, d]));
  const stubs: string[][] = [];
  const seenRunners = new Set<string>();
  for (const { deployment, labels, group } of report.attestations?.unattestedRunners ?? []) {
    const key = JSON.stringify([labels, group]);
    if (seenRunners.has(key)) continue;
    seenRunners.add(key);
    const d = byId.get(deployment);
    const where = d ? `${d.file}:${d.line} (${d.name})` : deployment;
    const selector =
      labels === null
        ? ['#       runs-on: [self-hosted]   # `runs-on` is an expression: name the labels it picks']
        : [
            ...(labels.length > 0 ? [`#       runs-on: [${labels.join(', ')}]`] : []),
            ...(group !== null ? [`#       runner-group: ${group}`] : []),
          ];
    stubs.push([
      `#   - id: ${slug(group ?? labels?.filter((l) => l.toLowerCase() !== 'self-hosted').join('-') ?? '')}-runners`,
      `#     # ${where} runs on a self-hosted runner the repository does not describe.`,
      '#     applies-to:',
      ...selector,
      '#     facts:',
      '#       isolation: microvm   # what the runner pool enforces: vm, microvm, gvisor or container',
      '#     evidence: https://…   # the runner pool’s setup, or a file in this repository',
      '#     owner: "@your-org/platform"',
      `#     expires: ${addDays(today, 90)}`,
    ]);
  }
  for (const d of report.deployments) {
    const outside = SANDBOX_FACTS.filter((name) => d.sandbox[name].outside);
    if (outside.length === 0) continue;
    stubs.push([
      `#   - id: ${slug(`${d.agent}-${outside.join('-')}`)}`,
      `#     # ${d.file}:${d.line} (${d.name}): ${outside.map((name) => `${name} rests on ${d.sandbox[name].outside}`).join('; ')}.`,
      '#     applies-to:',
      `#       agent: ${d.agent}`,
      `#       path: [${JSON.stringify(d.file)}]`,
      '#     facts:',
      ...outside.map((name) => `#       ${name}: ${FACT_LEVELS[name][1]}   # the level that control enforces`),
      '#     evidence: https://…   # where a reviewer can check the setting',
      '#     owner: "@your-org/security"',
      `#     expires: ${addDays(today, 90)}`,
    ]);
  }
  if (stubs.length === 0) return [];
  return [
    '# Sandbox facts enforced outside the repository, which the scan cannot see: attest each with',
    '# evidence, an owner and an expiry (at most 180 days ahead). An attestation raises a fact, never',
    '# lifts what the files weaken, and is reported when it expires or covers nothing.',
    '# attestations:',
    ...stubs.slice(0, MAX_ATTESTATIONS).flat(),
    ...(stubs.length > MAX_ATTESTATIONS ? [`#   # … and ${stubs.length - MAX_ATTESTATIONS} more`] : []),
  ];
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'self-hosted';

function presetLines(preset: PresetName, reports: Record<PresetName, ScanReport>, chosen: boolean): string[] {
  if (chosen) return [`# Built on the \`${preset}\` preset, as asked.`];
  if (preset === 'strict')
    return ['# The repository already passes the `strict` preset: every agent fully sandboxed. Keep it that way.'];
  const strictFailing = reports.strict.findings.filter((f) => !f.suppressed && f.severity !== 'notice').length;
  return [
    '# Built on `recommended`: blocks the dangerous, warns on the weak.',
    reports.recommended.deployments.length
      ? `# \`strict\` (every agent fully sandboxed) would report ${strictFailing} finding${strictFailing === 1 ? '' : 's'} today; switch when they are fixed.`
      : '# `strict` holds every agent to full sandboxing: isolation, egress, credentials and limits.',
  ];
}

/** An example rule for the most common kind, selecting its most common agent. */
function customRuleExample(found: ScanReport['deployments']): string[] {
  const counts = new Map<DeploymentKind, number>();
  for (const d of found) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const kind = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const agents = new Map<string, number>();
  for (const d of found)
    if (d.kind === kind && d.agent !== 'unknown') agents.set(d.agent, (agents.get(d.agent) ?? 0) + 1);
  const agent = [...agents.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const example = EXAMPLES[kind ?? 'none'];
  return [
    '# A rule of your own, in YAML (conditions on sandbox facts or raw fields; see the guide):',
    '# custom-rules:',
    `#   - id: ${example.id}`,
    `#     message: ${example.message}`,
    '#     severity: error',
    ...(kind ? ['#     select:', `#       kind: ${kind}`, ...(agent ? [`#       agent: ${agent}`] : [])] : []),
    '#     require:',
    ...example.require.map((l) => `#       ${l}`),
  ];
}

const EXAMPLES: Record<DeploymentKind | 'none', { id: string; message: string; require: string[] }> = {
  'workflow-job': {
    id: 'agent-jobs-time-out',
    message: 'Agent jobs must stop within 30 minutes',
    require: ['field: timeout-minutes', 'lte: 30'],
  },
  'k8s-workload': {
    id: 'agent-pods-in-a-vm',
    message: 'Agent pods must run under gVisor or a micro-VM with restricted egress',
    require: [
      'all:',
      '  - fact: isolation',
      '    in: [gvisor, microvm, vm]',
      '  - fact: network',
      '    not-equals: open',
    ],
  },
  'compose-service': {
    id: 'agent-services-read-only',
    message: 'Agent services must have a read-only root file system',
    require: ['field: read_only', 'equals: true'],
  },
  devcontainer: {
    id: 'agent-devcontainers-offline',
    message: 'Agent dev containers must not have open egress',
    require: ['fact: network', 'not-equals: open'],
  },
  'mcp-server': {
    id: 'mcp-servers-scoped',
    message: 'MCP servers must not write outside the workspace',
    require: ['fact: filesystem', 'not-equals: full'],
  },
  'agent-config': {
    id: 'agents-keep-approvals',
    message: 'Agent settings must keep approval prompts on',
    require: ['fact: approval', 'not-equals: bypassed'],
  },
  none: {
    id: 'agents-in-containers',
    message: 'Every agent must run in a container or stronger',
    require: ['fact: isolation', 'at-least: container'],
  },
};
