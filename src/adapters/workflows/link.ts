/**
 * Cross-file facts: a job whose agent loads its repository settings also loads the files the agent's
 * catalogue entry names (`loadedSettingsFiles`: `.claude/settings.json`, `.gemini/settings.json`, a config
 * read only for trusted projects) and may start its project MCP file's servers. Where the job declares nothing, a
 * protective fact from those files is adopted (its source points into the file). Weakening facts
 * stay with the settings file's own deployment, which reports them; the job only mentions them.
 */
import {
  APPROVAL_LEVELS,
  FILESYSTEM_LEVELS,
  ISOLATION_LEVELS,
  NETWORK_LEVELS,
  type Deployment,
  type Fact,
  type SandboxFactName,
} from '../../model.js';
import { compiledSourceOf, projectMcpFileOf, loadedSettingsFilesOf } from '../../agents/index.js';
import type { AdapterContext } from '../types.js';

const ADOPTABLE: { fact: SandboxFactName; levels: readonly string[] }[] = [
  { fact: 'isolation', levels: ISOLATION_LEVELS },
  { fact: 'network', levels: NETWORK_LEVELS },
  { fact: 'filesystem', levels: FILESYSTEM_LEVELS },
  { fact: 'approval', levels: APPROVAL_LEVELS },
];

export function linkSettings(deployments: Deployment[], _context: AdapterContext): void {
  // Settings deployments by file, once: filtering every deployment per job made this quadratic.
  const configsByFile = new Map<string, Deployment[]>();
  const order = new Map(deployments.map((d, i) => [d, i]));
  for (const d of deployments) {
    if (d.kind !== 'agent-config') continue;
    const list = configsByFile.get(d.file);
    if (list) list.push(d);
    else configsByFile.set(d.file, [d]);
  }
  for (const job of deployments) {
    if (job.kind !== 'workflow-job') continue;
    const details = job.details;
    const files = new Map<string, boolean>();
    for (const loads of details.settings)
      for (const { file, adopt } of loadedSettingsFilesOf(loads)) files.set(file, (files.get(file) ?? true) && adopt);
    const configs = [...files.keys()]
      .flatMap((file) => configsByFile.get(file) ?? [])
      .sort((a, b) => order.get(a)! - order.get(b)!);
    for (const { fact, levels } of ADOPTABLE) {
      const own = job.sandbox[fact] as Fact<string>;
      const rank = (value: string): number => levels.indexOf(value);
      const declared = configs.flatMap((c) => {
        const f = c.sandbox[fact] as Fact<string>;
        return f.source ? [{ file: c.file, fact: f, adopt: files.get(c.file) === true }] : [];
      });
      // Settings merge: the weakest declaration among the loaded files is what the agent gets.
      const weakest = declared.reduce<(typeof declared)[number] | null>(
        (w, d) => (!w || rank(d.fact.value) < rank(w.fact.value) ? d : w),
        null,
      );
      for (const d of declared) {
        if (rank(d.fact.value) < rank(own.value))
          note(details.linked, d.file, `${fact} ${d.fact.value} (${d.fact.reason}), reported on ${d.file}`, job);
      }
      const declaredByJob = own.source !== null && !details.implied.includes(fact as never);
      if (!weakest || declaredByJob || rank(weakest.fact.value) <= rank(own.value)) continue;
      // A pull request cannot approve itself: checked out before the agent, it supplies the file.
      const prHead = details.checkouts.find((c) => c.prHead);
      if (prHead) {
        note(
          details.linked,
          weakest.file,
          `${fact} ${weakest.fact.value} (${weakest.fact.reason}) not adopted: step "${prHead.step}" checks out the pull request's head, whose copy of ${weakest.file} the pull request can change`,
          job,
        );
        continue;
      }
      if (!weakest.adopt) {
        note(
          details.linked,
          weakest.file,
          `${fact} ${weakest.fact.value} (${weakest.fact.reason}) if the project is trusted`,
          job,
        );
        continue;
      }
      job.sandbox[fact] = {
        ...weakest.fact,
        reason: `${weakest.fact.reason} (${weakest.file}, which the agent loads)`,
      } as never;
      entry(details.linked, weakest.file).adopted.push(fact);
      job.signals.push(`${fact} comes from ${weakest.file}`);
    }
    linkCompiledSource(job, configsByFile);
    const mcpFiles = new Map<string, string>();
    for (const loads of details.settings) {
      const mcp = projectMcpFileOf(loads.agent);
      if (mcp && !mcpFiles.has(mcp.file)) mcpFiles.set(mcp.file, mcp.title);
    }
    for (const [file, title] of mcpFiles) {
      const mcp = deployments.filter((d) => d.kind === 'mcp-server' && d.file === file);
      if (mcp.length === 0) continue;
      job.signals.push(`its ${title} agent can start ${mcp.length} MCP server(s) from ${file}`);
      entry(details.linked, file).noted.push(`${mcp.length} MCP server(s)`);
    }
  }
}

function entry(linked: { file: string; adopted: string[]; noted: string[] }[], file: string) {
  let found = linked.find((l) => l.file === file);
  if (!found) linked.push((found = { file, adopted: [], noted: [] }));
  return found;
}

function note(
  linked: { file: string; adopted: string[]; noted: string[] }[],
  file: string,
  text: string,
  job: Deployment,
): void {
  entry(linked, file).noted.push(text);
  const signal = `loads ${file}: ${text}`;
  if (!job.signals.includes(signal)) job.signals.push(signal);
}

/**
 * A compiled workflow (gh-aw's `<name>.lock.yml`) and its source (`<name>.md`) describe one workflow.
 * Both stay: the lock file's job is what GitHub runs, judged from its commands, and the source is
 * what authors edit, judged from its front matter; a stale or hand-edited lock file differs from
 * it. Each names the other so a reader sees one workflow in two files.
 */
function linkCompiledSource(
  job: Deployment & { kind: 'workflow-job' },
  configsByFile: Map<string, Deployment[]>,
): void {
  const source = compiledSourceOf(job.file);
  const sources = source ? (configsByFile.get(source) ?? []) : [];
  if (sources.length === 0) return;
  entry(job.details.linked, source!).noted.push('the source this file is compiled from');
  job.signals.push(`compiled from ${source}`);
  for (const d of sources)
    if (!d.signals.includes(`compiled to ${job.file}, reported there as it runs`))
      d.signals.push(`compiled to ${job.file}, reported there as it runs`);
}
