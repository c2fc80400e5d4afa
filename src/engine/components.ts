/**
 * What a deployment brings with it, for the inventory (CycloneDX, `inventory`): packages and images it
 * launches, models its configuration names and tools it lets the agent call. Read from what adapters
 * already extracted (MCP packages, tool grants) and from the deployment's own node in its document
 * (`image:`, `uses:`, `model`, `--model`, `npx pkg`). Plain data with key paths; the report positions them.
 */
import type { ParsedFile } from '../documents/types.js';
import { parseImage } from '../containers/docker-run.js';
import type { PackageRef } from '../model/details/mcp-server.js';
import type { Deployment, SourceRef } from '../model.js';
import type { ComponentKind } from '../model/report.js';

export interface RawComponent {
  kind: ComponentKind;
  name: string;
  version: string | null;
  purl: string | null;
  at: SourceRef;
}

type Path = (string | number)[];

/** Keys whose string value names a model (`model`, `ANTHROPIC_MODEL`, `small_fast_model`, `GOOSE_MODEL`). */
const MODEL_KEY = /^(?:[A-Za-z]+_)*(?:model|model_name|modelName|defaultModel|default_model|smallFastModel)$/i;
/** Keys that list tools the agent may call without asking. */
const TOOL_LIST_KEY = /^(?:allowedTools|allowed_tools|allowed-tools|coreTools|alwaysAllow|autoApprove|tools)$/;
/** `permissions.allow` (Claude, Cursor, Codex profiles) lists tools the agent may call without asking. */
const isToolList = (path: Path): boolean => {
  const key = path[path.length - 1];
  return (
    typeof key === 'string' && (TOOL_LIST_KEY.test(key) || (key === 'allow' && path[path.length - 2] === 'permissions'))
  );
};
/** A command-line flag naming a model. */
const MODEL_FLAG =
  /(?:^|\s)--(?:model|fallback-model|weak-model|editor-model)(?:=|\s+)(["']?)([A-Za-z0-9][\w./:@+-]*)\1/g;
const TOOLS_FLAG = /(?:^|\s)--(?:allowedTools|allowed-tools)(?:=|\s+)(["'])(.*?)\1/g;
/**
 * Package launches in a command line: `npx -y pkg`, `npm install -g pkg`, `pip install pkg`, `uvx pkg`.
 * Each option matches one way only (`--?\w`): `-{1,2}[\w-]+` split `--x` two ways, so a run of them
 * backtracked exponentially when no package followed.
 */
const LAUNCH =
  /(?:^|[\s;&|(])(npx|bunx|uvx|pipx\s+run|npm\s+(?:exec|(?:i|install)\s+(?:-g|--global))|pnpm\s+(?:dlx|add\s+(?:-g|--global))|yarn\s+(?:global\s+add|dlx)|pip3?\s+install|uv\s+tool\s+(?:install|run))((?:\s+--?\w[\w-]*(?:=\S+)?)*)\s+(["']?)([@A-Za-z0-9][\w./@~^=<>-]*)\3/g;
/** A value that is a template or expression: what it names is not known from the file. */
const UNKNOWN = /\$\{|\$\(|\{\{|\$[A-Z_]/;

export function deploymentComponents(d: Deployment, load: (file: string) => ParsedFile | null): RawComponent[] {
  const out: RawComponent[] = [];
  const mcp = d.kind === 'mcp-server' ? d.details : null;
  if (mcp) for (const p of mcp.packages) out.push(fromPackageRef(p));
  for (const grant of toolGrants(d)) out.push(tool(grant.entry, grant.at));
  const parsed = load(d.root.file);
  const doc = parsed?.documents.find((x) => x.index === (d.root.doc ?? 0));
  if (doc) {
    const node = valueAt(doc.value, d.root.path);
    const ref = (path: Path): SourceRef => ({
      file: d.root.file,
      path,
      ...(d.root.doc !== undefined ? { doc: d.root.doc } : {}),
    });
    walk(node, [...d.root.path], null, ref, out, mcp !== null);
  }
  return dedupe(out);
}

function walk(
  value: unknown,
  path: Path,
  key: string | number | null,
  ref: (path: Path) => SourceRef,
  out: RawComponent[],
  isMcp: boolean,
): void {
  if (typeof value === 'string') {
    fromString(value, key, path, ref, out, isMcp);
    return;
  }
  if (Array.isArray(value)) {
    if (isToolList(path)) {
      value.forEach((item, i) => {
        if (typeof item === 'string' && item.trim()) out.push(tool(item.trim(), ref([...path, i])));
      });
      return;
    }
    // An argument vector (`command: [npx, -y, pkg]`) reads as one command line.
    if (!isMcp && value.length > 1 && value.every((v) => typeof v === 'string'))
      commandLine(value.join(' '), ref(path), out);
    value.forEach((item, i) => walk(item, [...path, i], i, ref, out, isMcp));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  // An environment entry written as `{ name: ANTHROPIC_MODEL, value: claude-… }` (Kubernetes, devcontainers).
  if (typeof record['name'] === 'string' && typeof record['value'] === 'string' && MODEL_KEY.test(record['name']))
    model(record['value'], ref([...path, 'value']), out);
  // Gemini's `model: { name: … }`.
  if (typeof key === 'string' && MODEL_KEY.test(key) && typeof record['name'] === 'string')
    model(record['name'], ref([...path, 'name']), out);
  for (const [k, v] of Object.entries(record)) walk(v, [...path, k], k, ref, out, isMcp);
}

function fromString(
  value: string,
  key: string | number | null,
  path: Path,
  ref: (path: Path) => SourceRef,
  out: RawComponent[],
  isMcp: boolean,
): void {
  const text = value.trim();
  if (!text) return;
  if (typeof key === 'string') {
    if (MODEL_KEY.test(key)) return model(text, ref(path), out);
    if (key === 'image') return image(text, ref(path), out);
    if (key === 'uses') return action(text, ref(path), out);
    if (TOOL_LIST_KEY.test(key) && key !== 'tools') {
      for (const entry of splitTools(text)) out.push(tool(entry, ref(path)));
      return;
    }
  }
  if (isMcp) return; // the MCP adapter already read the server's command
  for (const m of text.matchAll(MODEL_FLAG)) model(m[2]!, { ...ref(path), text: m[2]! }, out);
  for (const m of text.matchAll(TOOLS_FLAG)) for (const entry of splitTools(m[2]!)) out.push(tool(entry, ref(path)));
  commandLine(text, ref(path), out);
}

function commandLine(text: string, at: SourceRef, out: RawComponent[]): void {
  for (const m of text.matchAll(LAUNCH)) {
    const runner = m[1]!.replace(/\s+/g, ' ');
    const spec = m[4]!;
    if (spec.startsWith('.') || spec.startsWith('/') || spec.includes('/') !== spec.startsWith('@')) continue;
    const pypi = /^(?:uvx|pipx run|pip3? install|uv tool)/.test(runner);
    out.push(pypi ? pypiPackage(spec, { ...at, text: spec }) : npmPackage(spec, { ...at, text: spec }));
  }
}

function model(name: string, at: SourceRef, out: RawComponent[]): void {
  if (UNKNOWN.test(name) || !/^[\w][\w./:@+-]*$/.test(name)) return;
  out.push({ kind: 'model', name, version: null, purl: modelPurl(name), at });
}

function image(spec: string, at: SourceRef, out: RawComponent[]): void {
  if (UNKNOWN.test(spec) || /\s/.test(spec)) return;
  out.push(imageComponent(spec.replace(/^docker:\/\//, ''), at));
}

/** `owner/repo[/path]@ref` is an action (or reusable workflow); `docker://image` an image; `./x` is local. */
function action(spec: string, at: SourceRef, out: RawComponent[]): void {
  if (spec.startsWith('docker://')) return image(spec, at, out);
  const m = /^([\w.-]+)\/([\w.-]+)((?:\/[^@\s]+)?)@([^\s]+)$/.exec(spec);
  if (!m || UNKNOWN.test(spec)) return;
  const [, owner, repo, sub, version] = m as unknown as [string, string, string, string, string];
  const subpath = sub ? `#${sub.slice(1).split('/').map(encodeURIComponent).join('/')}` : '';
  out.push({
    kind: 'package',
    name: `${owner}/${repo}${sub}`,
    version,
    purl: `pkg:githubactions/${enc(owner)}/${enc(repo)}@${enc(version)}${subpath}`,
    at,
  });
}

const tool = (name: string, at: SourceRef): RawComponent => ({ kind: 'tool', name, version: null, purl: null, at });

function fromPackageRef(p: PackageRef): RawComponent {
  switch (p.ecosystem) {
    case 'npm':
      return { ...npmPackage(p.spec, p.at), name: p.name, version: p.version, purl: npmPurl(p.name, p.version) };
    case 'pypi':
      return { kind: 'package', name: p.name, version: p.version, purl: pypiPurl(p.name, p.version), at: p.at };
    case 'docker':
      return imageComponent(p.spec, p.at);
    case 'go':
      return { kind: 'package', name: p.name, version: p.version, purl: goPurl(p.name, p.version), at: p.at };
    case 'git':
      return { kind: 'package', name: p.name, version: p.version, purl: null, at: p.at };
  }
}

function npmPackage(spec: string, at: SourceRef): RawComponent {
  const at2 = spec.indexOf('@', 1);
  const name = at2 > 0 ? spec.slice(0, at2) : spec;
  const version = at2 > 0 ? spec.slice(at2 + 1) || null : null;
  return { kind: 'package', name, version, purl: npmPurl(name, version), at };
}

function pypiPackage(spec: string, at: SourceRef): RawComponent {
  const m = /^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?(?:(==|@)(.+)|[<>=~!].*)?$/.exec(spec);
  const name = m?.[1] ?? spec;
  const version = m?.[2] ? m[3]! : null;
  return { kind: 'package', name, version, purl: pypiPurl(name, version), at };
}

function imageComponent(spec: string, at: SourceRef): RawComponent {
  const { name, tag, digest } = parseImage(spec);
  const version = digest ?? tag;
  return { kind: 'image', name, version, purl: dockerPurl(name, version), at };
}

const enc = (s: string): string => encodeURIComponent(s);
const withVersion = (base: string, version: string | null): string => (version ? `${base}@${enc(version)}` : base);

export function npmPurl(name: string, version: string | null): string {
  const [scope, bare] = name.startsWith('@')
    ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)]
    : [null, name];
  return withVersion(`pkg:npm/${scope ? `${enc(scope)}/` : ''}${enc(bare)}`, version);
}

export function pypiPurl(name: string, version: string | null): string {
  return withVersion(`pkg:pypi/${enc(name.toLowerCase().replace(/[-_.]+/g, '-'))}`, version);
}

const goPurl = (name: string, version: string | null): string =>
  withVersion(`pkg:golang/${name.split('/').map(enc).join('/')}`, version);

/** `pkg:docker/namespace/name@version?repository_url=host`; Docker Hub's `library/` namespace is implied. */
export function dockerPurl(name: string, version: string | null): string {
  const parts = name.split('/');
  const host = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!) ? parts.shift()! : null;
  const path = parts.map((p) => enc(p.toLowerCase())).join('/');
  const base = withVersion(`pkg:docker/${path}`, version);
  return host && host !== 'docker.io' ? `${base}?repository_url=${enc(host)}` : base;
}

/** A Hugging Face repository id (`org/name`) has a purl; a provider's model name (`claude-sonnet-4`) has none. */
const modelPurl = (name: string): string | null =>
  /^[\w.-]+\/[\w.-]+$/.test(name) && !name.includes(':')
    ? `pkg:huggingface/${name.split('/').map(enc).join('/')}`
    : null;

/** Tool-list entries split on commas and on spaces outside parentheses (`Bash(git log:*) Edit`). */
function splitTools(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || /\s/.test(ch)) && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Tools a workflow job lets its agent call without asking, as the workflow adapter read them. */
function toolGrants(d: Deployment): readonly { entry: string; at: SourceRef }[] {
  return d.kind === 'workflow-job' ? d.details.toolGrants : [];
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function dedupe(items: RawComponent[]): RawComponent[] {
  const seen = new Set<string>();
  return items.filter((c) => {
    const key = `${c.kind}\u0000${c.purl ?? c.name}\u0000${c.version ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
