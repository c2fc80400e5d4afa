/**
 * The `cyclonedx` format: a CycloneDX 1.7 JSON AI-BOM of one scan, a pure function of the report.
 * Every agent deployment and MCP server is an `application` component with the sandbox facts as
 * properties in the tool's namespace; the packages, images and models it names are components of
 * their own (with purls), the tools it may call are `services`, and the policy verdict is a
 * `declarations` attestation whose claims point at the lines that decide it. Nothing varies between
 * runs of the same report: no timestamp, and the serial number is derived from the content.
 */
import type { ComponentReport, DeploymentReport, ScanReport } from '../model/report.js';
import { SANDBOX_FACTS, type Finding } from '../model.js';
import { redactSecrets } from '../secrets.js';

export const CYCLONEDX_SCHEMA = 'http://cyclonedx.org/schema/bom-1.7.schema.json';
/** Property names live in the tool's own namespace (CycloneDX property taxonomy convention). */
export const NS = 'agent-sandbox-guard';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
export type Property = { name: string; value: string };
export type BomComponent = {
  type: 'application' | 'library' | 'container' | 'machine-learning-model';
  'bom-ref': string;
  name: string;
  version?: string;
  description?: string;
  purl?: string;
  properties?: Property[];
  [key: string]: Json | undefined;
};
export type BomService = {
  'bom-ref': string;
  name: string;
  properties?: Property[];
  [key: string]: Json | undefined;
};

const COMPONENT_TYPE: Record<Exclude<ComponentReport['kind'], 'tool'>, BomComponent['type']> = {
  package: 'library',
  image: 'container',
  model: 'machine-learning-model',
};

const prop = (name: string, value: string | number): Property => ({ name: `${NS}:${name}`, value: String(value) });
const at = (file: string, line: number, column?: number): string =>
  column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;

/** The bom-ref of a deployment; shared with the fleet BOM, which prefixes it with the repository. */
export const deploymentRef = (d: Pick<DeploymentReport, 'id'>, prefix = ''): string => `${prefix}deployment:${d.id}`;

/** The bom-ref of something a deployment names: its purl when it has one, else kind, name and version. */
export function componentRef(c: Pick<ComponentReport, 'kind' | 'name' | 'version' | 'purl'>): string {
  if (c.kind === 'tool') return `tool:${c.name}`;
  return c.purl ?? `${c.kind}:${c.name}${c.version ? `@${c.version}` : ''}`;
}

/** The deployment as an `application` component: kind, agent, place, one property per sandbox fact, result. */
export function deploymentComponent(d: DeploymentReport, prefix = '', extra: Property[] = []): BomComponent {
  const properties: Property[] = [
    ...extra,
    prop('kind', d.kind),
    prop('agent', d.agent),
    prop('file', d.file),
    prop('line', d.line),
  ];
  for (const name of SANDBOX_FACTS) {
    const fact = d.sandbox[name];
    properties.push(prop(`sandbox:${name}`, fact.value));
    if (fact.reason) properties.push(prop(`sandbox:${name}:reason`, fact.reason));
    if (fact.source) properties.push(prop(`sandbox:${name}:source`, at(fact.source.file, fact.source.line)));
  }
  for (const signal of d.signals) properties.push(prop('signal', signal));
  properties.push(prop('result', d.result));
  if (d.inScope !== undefined) properties.push(prop('in-scope', String(d.inScope)));
  return {
    type: 'application',
    'bom-ref': deploymentRef(d, prefix),
    name: d.name,
    description: `${d.kind} running ${d.agent}, declared at ${at(d.file, d.line)}`,
    properties,
  };
}

/**
 * Collects what deployments name into unique components (packages, images, models) and services
 * (tools), each with every place it is named, and the dependency edges from each deployment.
 */
export class ComponentIndex {
  private readonly components = new Map<string, BomComponent>();
  private readonly services = new Map<string, BomService>();
  readonly dependencies = new Map<string, Set<string>>();

  add(owner: string, c: ComponentReport, where: string = at(c.file, c.line)): void {
    const ref = componentRef(c);
    const named = prop('named-at', where);
    if (c.kind === 'tool') {
      const known = this.services.get(ref) ?? { 'bom-ref': ref, name: c.name, properties: [] };
      pushUnique(known.properties!, named);
      this.services.set(ref, known);
    } else {
      const known = this.components.get(ref) ?? {
        type: COMPONENT_TYPE[c.kind],
        'bom-ref': ref,
        name: c.name,
        ...(c.version ? { version: c.version } : {}),
        ...(c.purl ? { purl: c.purl } : {}),
        properties: [],
      };
      pushUnique(known.properties!, named);
      this.components.set(ref, known);
    }
    const edges = this.dependencies.get(owner) ?? new Set<string>();
    edges.add(ref);
    this.dependencies.set(owner, edges);
  }

  sortedComponents(): BomComponent[] {
    return sortByRef([...this.components.values()]);
  }

  sortedServices(): BomService[] {
    return sortByRef([...this.services.values()]);
  }

  dependencyList(owners: readonly string[]): { ref: string; dependsOn?: string[] }[] {
    return owners.map((ref) => {
      const deps = [...(this.dependencies.get(ref) ?? [])].sort(compare);
      return deps.length ? { ref, dependsOn: deps } : { ref };
    });
  }
}

export function renderCycloneDx(report: ScanReport): string {
  return serializeBom(buildCycloneDx(report));
}

export function buildCycloneDx(report: ScanReport): Record<string, Json> {
  const index = new ComponentIndex();
  const deployments = report.deployments.map((d) => {
    for (const c of d.components ?? []) index.add(deploymentRef(d), c);
    return deploymentComponent(d);
  });
  const owners = deployments.map((c) => c['bom-ref']);
  const repository = repositoryComponent(report);
  const verdict = declarations(report, repository['bom-ref']);
  const bom: Record<string, Json> = {
    ...bomHead(report.tool, repository, [
      prop('result', report.result),
      prop('fail-on', report.failOn),
      prop('policy', report.policy.source),
    ]),
    components: [...deployments, ...index.sortedComponents()],
    services: index.sortedServices(),
    dependencies: [
      { ref: repository['bom-ref'], dependsOn: owners.length ? [...owners].sort(compare) : undefined },
      ...index.dependencyList(owners),
    ],
    declarations: verdict.declarations,
    definitions: verdict.definitions,
  };
  return bom;
}

/** What every BOM of this tool starts with: format, version, the tool, what the BOM describes. */
export function bomHead(
  tool: { name: string; version: string },
  subject: BomComponent,
  properties: Property[],
): Record<string, Json> {
  return {
    $schema: CYCLONEDX_SCHEMA,
    bomFormat: 'CycloneDX',
    specVersion: '1.7',
    version: 1,
    metadata: {
      tools: { components: [{ type: 'application', name: tool.name, version: tool.version }] },
      component: subject,
      properties,
    },
  };
}

/** Pretty JSON with secrets masked in every string, and a serial number derived from that content. */
export function serializeBom(bom: Record<string, Json>): string {
  const { $schema, bomFormat, specVersion, ...rest } = bom;
  const body = JSON.stringify(rest, redact);
  const serialNumber = contentUuid(body);
  return `${JSON.stringify({ $schema, bomFormat, specVersion, serialNumber, ...rest }, redact, 2)}\n`;
}

const redact = (_key: string, value: unknown): unknown => (typeof value === 'string' ? redactSecrets(value) : value);

/** An RFC 4122 name-based UUID (version 5 layout) over a SHA-256 of the content. */
export function contentUuid(content: string): string {
  // Loaded here, not imported: `node:crypto` costs about 14 ms of every CLI start, and only this format hashes.
  const { createHash } = process.getBuiltinModule('node:crypto');
  const hex = createHash('sha256').update(content).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function repositoryComponent(report: ScanReport): BomComponent {
  return {
    type: 'application',
    'bom-ref': 'repository',
    name: report.repository ?? 'repository',
    ...(report.commit ? { version: report.commit } : {}),
    ...(report.repository ? { purl: githubPurl(report.repository, report.commit) } : {}),
    properties: [
      prop('deployments', report.deployments.length),
      prop('files-considered', report.coverage.filesConsidered),
      prop('files-parsed', report.coverage.filesParsed),
      ...report.coverage.skipped.map((s) => prop(`skipped:${s.status}`, `${s.file}: ${s.reason}`)),
    ],
  };
}

/** `pkg:github/owner/name@commit` for an `owner/name` repository; a bare name becomes `pkg:generic`. */
export function githubPurl(repository: string, commit?: string): string {
  const parts = repository.split('/').filter(Boolean).map(encodeURIComponent);
  const base = parts.length === 2 ? `pkg:github/${parts.join('/')}` : `pkg:generic/${parts.join('%2F')}`;
  return commit ? `${base}@${encodeURIComponent(commit)}` : base;
}

/**
 * The verdict as CycloneDX attestations: the policy is a standard whose requirements are "every
 * deployment passes" and each rule that reported; each deployment has one claim, its evidence the
 * lines that declare its sandbox, its counter-evidence the findings against it.
 */
function declarations(report: ScanReport, repositoryRef: string): { declarations: Json; definitions: Json } {
  const evidence: Json[] = [];
  const claims: Json[] = [];
  const byDeployment = new Map<string | null, Finding[]>();
  for (const f of report.findings) {
    const list = byDeployment.get(f.deployment) ?? [];
    list.push(f);
    byDeployment.set(f.deployment, list);
  }
  const findingEvidence = (f: Finding, i: number, owner: string): string => {
    const ref = `evidence:${owner}:finding:${i}`;
    evidence.push({
      'bom-ref': ref,
      propertyName: `${NS}:finding`,
      description: `${f.ruleId} (${f.severity}${f.suppressed ? `, suppressed: ${f.suppressed.reason}` : ''}): ${f.message}`,
      data: [{ name: 'location', contents: { attachment: { content: at(f.file, f.line, f.column) } } }],
    });
    return ref;
  };
  const counted = (f: Finding): boolean => !f.suppressed;
  const ruleClaims = new Map<string, Set<string>>();
  const passing: string[] = [];
  const failing: string[] = [];

  for (const d of report.deployments) {
    const owner = deploymentRef(d);
    const claimRef = `claim:${d.id}`;
    const support: string[] = [];
    for (const name of SANDBOX_FACTS) {
      const fact = d.sandbox[name];
      const ref = `evidence:${owner}:${name}`;
      evidence.push({
        'bom-ref': ref,
        propertyName: `${NS}:sandbox:${name}`,
        description: `${name} is ${fact.value}: ${fact.reason}`,
        ...(fact.source
          ? {
              data: [
                {
                  name: 'location',
                  contents: { attachment: { content: at(fact.source.file, fact.source.line, fact.source.column) } },
                },
              ],
            }
          : {}),
      });
      support.push(ref);
    }
    const against = (byDeployment.get(d.id) ?? []).map((f, i) => {
      if (counted(f)) addTo(ruleClaims, f.ruleId, claimRef);
      return findingEvidence(f, i, owner);
    });
    claims.push({
      'bom-ref': claimRef,
      target: owner,
      predicate: `${d.name} keeps its agent in a sandbox that meets the policy (${report.policy.source})`,
      reasoning:
        d.result === 'pass'
          ? 'No finding at or above the failure threshold is reported against this deployment.'
          : `${against.length} finding(s) are reported against this deployment; the failing ones decide the result.`,
      evidence: support,
      ...(against.length ? { counterEvidence: against } : {}),
    });
    (d.result === 'pass' ? passing : failing).push(claimRef);
  }
  const loose = byDeployment.get(null) ?? [];
  if (loose.length) {
    const claimRef = 'claim:repository';
    const against = loose.map((f, i) => {
      if (counted(f)) addTo(ruleClaims, f.ruleId, claimRef);
      return findingEvidence(f, i, 'repository');
    });
    claims.push({
      'bom-ref': claimRef,
      target: repositoryRef,
      predicate: 'Every file that may hold an agent deployment was read and judged',
      reasoning: 'Findings not tied to one deployment (files not judged, suppressions) are reported.',
      counterEvidence: against,
    });
    failing.push(claimRef);
  }

  const policyRequirement = 'requirement:policy';
  const requirements: Json[] = [
    {
      'bom-ref': policyRequirement,
      identifier: 'policy',
      title: 'Every agent deployment meets the sandbox policy',
      text: `Judged with ${report.policy.source}; the run fails on ${report.failOn}.`,
    },
    ...report.rules.map((r) => ({
      'bom-ref': `requirement:${r.id}`,
      identifier: r.id,
      title: r.title,
      ...(r.helpUri ? { externalReferences: [{ type: 'documentation', url: r.helpUri }] } : {}),
    })),
  ];
  const total = passing.length + failing.length;
  const map: Json[] = [
    {
      requirement: policyRequirement,
      ...(passing.length ? { claims: passing } : {}),
      ...(failing.length ? { counterClaims: failing } : {}),
      conformance: {
        score: total === 0 ? 1 : round(passing.length / total),
        rationale: `${passing.length} of ${total} claims hold; the scan ${report.result === 'pass' ? 'passes' : 'fails'}.`,
      },
    },
    ...report.rules.map((r) => {
      const against = [...(ruleClaims.get(r.id) ?? [])];
      return {
        requirement: `requirement:${r.id}`,
        ...(against.length ? { counterClaims: against } : {}),
        conformance: {
          score: against.length ? 0 : 1,
          rationale: against.length
            ? `${against.length} claim(s) have unsuppressed ${r.id} findings.`
            : `Every ${r.id} finding is suppressed.`,
        },
      };
    }),
  ];
  return {
    declarations: {
      assessors: [{ 'bom-ref': 'assessor', thirdParty: false, organization: { name: report.tool.name } }],
      attestations: [{ summary: `${report.tool.name} sandbox policy: ${report.result}`, assessor: 'assessor', map }],
      claims,
      evidence,
    },
    definitions: {
      standards: [
        {
          'bom-ref': 'standard:policy',
          name: `${report.tool.name} policy`,
          version: report.tool.version,
          description: `The sandbox policy in ${report.policy.source}.`,
          owner: report.tool.name,
          requirements,
        },
      ],
    },
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortByRef = <T extends { 'bom-ref': string }>(items: T[]): T[] =>
  items.sort((a, b) => compare(a['bom-ref'], b['bom-ref']));

function pushUnique(list: Property[], p: Property): void {
  if (!list.some((x) => x.name === p.name && x.value === p.value)) list.push(p);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}
