/**
 * The fleet as one CycloneDX 1.7 BOM: each repository is an `application` component holding its
 * agent deployments (nested components, the same shape as the one-repository BOM), and what they
 * launch, name or may call (packages, images, models, tools) appears once, linked by dependencies.
 */
import {
  ComponentIndex,
  NS,
  bomHead,
  deploymentComponent,
  githubPurl,
  serializeBom,
  type BomComponent,
  type Json,
} from '../report/cyclonedx.js';
import type { DeploymentReport } from '../model/report.js';
import { SANDBOX_FACTS } from '../model.js';
import type { Inventory, InventoryDeployment } from './model.js';

export function renderInventoryCycloneDx(inventory: Inventory, name = 'organisation'): string {
  const index = new ComponentIndex();
  const byRepo = new Map<string, InventoryDeployment[]>();
  for (const d of inventory.deployments) byRepo.set(d.repository, [...(byRepo.get(d.repository) ?? []), d]);
  const owners: string[] = [];
  const repositories: BomComponent[] = inventory.repositories.map((r) => {
    const prefix = `${r.repository}/`;
    const nested = (byRepo.get(r.repository) ?? []).map((d) => {
      const component = deploymentComponent(asReport(d), prefix);
      owners.push(component['bom-ref']);
      for (const c of d.components)
        index.add(
          component['bom-ref'],
          { ...c, file: d.file, line: d.line, column: 1 },
          `${r.repository}:${d.file}:${d.line}`,
        );
      return component;
    });
    return {
      type: 'application',
      'bom-ref': `repository:${r.repository}`,
      name: r.repository,
      ...(r.commit ? { version: r.commit } : {}),
      ...(r.unstamped ? {} : { purl: githubPurl(r.repository, r.commit ?? undefined) }),
      properties: [
        { name: `${NS}:result`, value: r.result },
        { name: `${NS}:deployments`, value: String(r.deployments) },
        { name: `${NS}:failing`, value: String(r.failing) },
        { name: `${NS}:skipped`, value: String(r.skipped) },
      ],
      ...(nested.length ? { components: nested } : {}),
    };
  });
  const bom: Record<string, Json> = {
    ...bomHead(inventory.tool, { type: 'application', 'bom-ref': 'fleet', name }, [
      { name: `${NS}:repositories`, value: String(inventory.repositories.length) },
      { name: `${NS}:deployments`, value: String(inventory.deployments.length) },
      ...inventory.problems.map((p) => ({ name: `${NS}:problem`, value: `${p.source}: ${p.reason}` })),
    ]),
    components: [...repositories, ...index.sortedComponents()],
    services: index.sortedServices(),
    dependencies: [
      { ref: 'fleet', ...(repositories.length ? { dependsOn: repositories.map((r) => r['bom-ref']) } : {}) },
      ...repositories.map((r) => {
        const nested = ((r['components'] ?? []) as BomComponent[]).map((c) => c['bom-ref']);
        return nested.length ? { ref: r['bom-ref'], dependsOn: nested } : { ref: r['bom-ref'] };
      }),
      ...index.dependencyList(owners),
    ],
  };
  return serializeBom(bom);
}

/** An inventory row in the report's shape, for the shared component builder (the inventory keeps no reasons). */
function asReport(d: InventoryDeployment): DeploymentReport {
  const sandbox = {} as Record<string, { value: string; reason: string; source: null }>;
  for (const f of SANDBOX_FACTS) sandbox[f] = { value: d.sandbox[f], reason: '', source: null };
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    agent: d.agent,
    file: d.file,
    line: d.line,
    column: 1,
    signals: [],
    sandbox: sandbox as unknown as DeploymentReport['sandbox'],
    result: d.result,
  };
}
