/**
 * Loads the policy: the file given, else `.github/agent-sandbox.yml`/`.yaml`, else the built-in
 * `recommended` preset. Resolves `extends`, validates everything with positions, and fails closed:
 * any problem throws a PolicyError listing every `file:line:col`.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../documents/index.js';
import type { SourceDocument } from '../documents/types.js';
import { readFileBounded, readRepoFile } from '../discovery/read.js';
import { errorMessage, PolicyError } from '../errors.js';
import { FieldPathError, parseFieldPath } from './custom/paths.js';
import { checkAttestations } from './attestations.js';
import { todayUtc } from '../util/dates.js';
import { mergeLayers, type Layer } from './merge.js';
import { Problems, addZodIssues, pathLabel, suggest } from './problems.js';
import { PRESETS, PRESET_NAMES, isPresetName } from './presets.js';
import { policySchema, type ResolvedPolicy } from './schema.js';
import type { ConditionInput } from './schema-custom.js';
import { checkReferences, policyKeysAt } from './validate.js';

export interface LoadPolicyOptions {
  /** The repository root: policy paths and `extends` files are relative to it. */
  root: string;
  /** A policy file, relative to `root` or absolute. */
  policyPath?: string;
  /** The policy's text, already read (the action passes the base commit's policy). */
  text?: string;
  /**
   * Reads a repo-relative file named in `extends`, or null when absent. Defaults to the working
   * tree under `root`; the action can read the base commit instead, like the policy itself.
   */
  readFile?: (file: string) => string | null;
  /** `YYYY-MM-DD` (UTC) against which attestation expiry is bounded; defaults to the current date. */
  today?: string;
}

export const DEFAULT_POLICY_FILES = ['.github/agent-sandbox.yml', '.github/agent-sandbox.yaml'] as const;
const MAX_POLICY_BYTES = 1024 * 1024;

export function loadPolicy(options: LoadPolicyOptions): ResolvedPolicy {
  const root = path.resolve(options.root);
  const problems = new Problems();
  const read = options.readFile ?? diskReader(root);
  const loader = new LayerLoader(problems, read);
  const top = topSource(root, options);
  const layer = top ? loader.fromText(top.file, `file:${top.file}`, top.text, []) : loader.preset('recommended', []);
  if (!layer) problems.throwIfAny();
  const layers = flatten(layer!);
  const merged = mergeLayers(layers);
  checkReferences(layers, merged, problems);
  checkAttestations(layers, merged.attestationMaxDays, options.today ?? todayUtc(), read, problems);
  problems.throwIfAny();
  return { ...merged, source: top ? top.file : 'built-in:recommended' };
}

/** Loads one built-in preset on its own (for docs and `explain`). */
export function loadPreset(name: string): ResolvedPolicy {
  const problems = new Problems();
  const layer = new LayerLoader(problems, () => null).preset(name, []);
  problems.throwIfAny();
  const layers = flatten(layer!);
  const merged = mergeLayers(layers);
  checkReferences(layers, merged, problems);
  problems.throwIfAny();
  return { ...merged, source: `built-in:${name}` };
}

function topSource(root: string, options: LoadPolicyOptions): { file: string; text: string } | null {
  if (options.policyPath !== undefined) {
    const absolute = path.resolve(root, options.policyPath);
    const file = displayName(root, absolute);
    if (options.text !== undefined) return { file, text: options.text };
    return { file, text: readPolicyFile(absolute, file) };
  }
  if (options.text !== undefined) return { file: DEFAULT_POLICY_FILES[0], text: options.text };
  const present = DEFAULT_POLICY_FILES.filter((f) => existsSync(path.join(root, f)));
  if (present.length > 1) {
    throw new PolicyError(`both ${present.join(' and ')} exist; keep one so it is clear which policy applies`, {
      file: present[1]!,
    });
  }
  const found = present[0];
  return found ? { file: found, text: readPolicyFile(path.join(root, found), found, root) } : null;
}

function displayName(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative.split(path.sep).join('/')
    : absolute;
}

/**
 * Bounded and non-blocking (a FIFO or `/dev/zero` behind the name is refused, not read); with `root`,
 * the file must also stay inside it (the default policy file is part of the checkout, a link may not
 * lead out of it).
 */
function readPolicyFile(absolute: string, file: string, root?: string): string {
  const read =
    root === undefined ? readFileBounded(absolute, MAX_POLICY_BYTES) : readRepoFile(root, file, MAX_POLICY_BYTES);
  if (read.ok) return read.text;
  if (read.reason.endsWith('ENOENT')) throw new PolicyError('policy file not found', { file });
  if (read.status === 'too-large')
    throw new PolicyError(`the policy file is larger than ${MAX_POLICY_BYTES} bytes`, { file });
  throw new PolicyError(`cannot read the policy file: ${read.reason}`, { file });
}

/** Repo-relative files under `root`, never through a link that leaves it. */
function diskReader(root: string): (file: string) => string | null {
  return (file) => {
    const absolute = path.join(root, file);
    try {
      const real = realpathSync(absolute);
      const realRoot = realpathSync(root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    } catch {
      return null;
    }
    return readPolicyFile(absolute, file);
  };
}

/** Conditions nest; a hostile policy must not exhaust the stack of the recursive validators. */
const MAX_DEPTH = 64;

function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

type PolicyInput = Layer['parsed'];

/**
 * The policy without the settings zod refused (a top-level key, or one entry of a mapping such as
 * `rules.<id>`; a list is dropped whole so positions of the entries kept stay true), parsed again.
 * Null when nothing sensible remains. What it returns is only checked, never used to scan.
 */
function withoutBroken(
  raw: Record<string, unknown>,
  issues: readonly { path: PropertyKey[]; code: string; keys?: string[] }[],
): { data: PolicyInput; kept: Record<string, unknown> } | null {
  let kept: Record<string, unknown> = structuredClone(raw);
  let pending = issues;
  for (let round = 0; round < 3; round++) {
    for (const issue of pending) {
      const target = [
        ...issue.path,
        ...(issue.code === 'unrecognized_keys' && issue.keys ? issue.keys.slice(0, 1) : []),
      ];
      const [top, entry] = target;
      if (typeof top !== 'string') return null;
      const value = kept[top];
      if (
        entry !== undefined &&
        typeof entry === 'string' &&
        value &&
        typeof value === 'object' &&
        !Array.isArray(value)
      )
        delete (value as Record<string, unknown>)[entry];
      else delete kept[top];
      if (issue.code === 'unrecognized_keys' && issue.keys && issue.path.length === 0)
        for (const key of issue.keys) delete kept[key];
    }
    const again = policySchema.safeParse(kept);
    if (again.success) return { data: again.data, kept };
    pending = again.error.issues as typeof issues;
    kept = { ...kept };
  }
  return null;
}

function flatten(layer: Layer): Layer[] {
  return [...layer.parents.flatMap(flatten), layer];
}

class LayerLoader {
  constructor(
    private readonly problems: Problems,
    private readonly read: (file: string) => string | null,
  ) {}

  preset(name: string, chain: readonly string[]): Layer | null {
    const text = PRESETS[name as keyof typeof PRESETS];
    return this.fromText(`built-in:${name}`, `preset:${name}`, text, chain);
  }

  fromText(file: string, key: string, text: string, chain: readonly string[]): Layer | null {
    const parsed = parseDocument(file, text, 'yaml');
    for (const problem of parsed.problems)
      this.problems.add(`YAML syntax error: ${problem.message}`, {
        file,
        line: problem.range.line,
        column: problem.range.column,
      });
    if (parsed.problems.length > 0) return null;
    const [doc, second] = parsed.documents;
    if (second) {
      this.problems.at(second, file, [], 'a policy file holds one YAML document; remove the `---` and what follows');
      return null;
    }
    const raw = doc?.value ?? {};
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      this.problems.at(
        doc,
        file,
        [],
        `a policy is a mapping of settings (\`extends\`, \`fail-on\`, \`rules\`, …); got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
      );
      return null;
    }
    if (deeperThan(raw, MAX_DEPTH)) {
      this.problems.at(doc, file, [], `the policy nests deeper than ${MAX_DEPTH} levels; flatten its conditions`);
      return null;
    }
    const result = policySchema.safeParse(raw);
    let data = result.data;
    let kept = raw as Record<string, unknown>;
    if (!result.success) {
      addZodIssues(this.problems, result.error.issues, doc!, file, raw, [], policyKeysAt);
      // Every problem in one pass: judge what remains without the broken settings, so unknown rule
      // ids, a bad `extends` or custom-rule fields elsewhere in the file are reported too.
      const salvaged = withoutBroken(kept, result.error.issues);
      if (!salvaged) return null;
      ({ data, kept } = salvaged);
    }
    const layer: Layer = {
      file,
      doc: doc ?? emptyDoc(file),
      raw: kept,
      parsed: data!,
      parents: [],
    };
    this.checkFields(layer);
    const chainHere = [...chain, key];
    for (const entry of extendsEntries(layer, key)) {
      const parent = this.parent(layer, entry, chainHere);
      if (parent) layer.parents.push(parent);
    }
    return layer;
  }

  private parent(
    layer: Layer,
    entry: { name: string; path: (string | number)[] },
    chain: readonly string[],
  ): Layer | null {
    const { name } = entry;
    const isFile = name.includes('/') || name.includes('.') || name.includes('\\');
    const key = isFile ? `file:${path.posix.normalize(name.replace(/^\.\//, ''))}` : `preset:${name}`;
    if (chain.includes(key)) {
      const names = [...chain.slice(chain.indexOf(key)), key].map((k) => k.replace(/^(file|preset):/, ''));
      this.problems.at(layer.doc, layer.file, entry.path, `\`extends\` makes a cycle: ${names.join(' → ')}`);
      return null;
    }
    if (!isFile) {
      if (isPresetName(name)) return this.preset(name, chain);
      const hint = suggest(name, PRESET_NAMES);
      this.problems.at(
        layer.doc,
        layer.file,
        entry.path,
        `unknown preset \`${name}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; built-in presets: ${PRESET_NAMES.join(', ')}; a file needs a path such as \`./${name}.yml\``,
      );
      return null;
    }
    const relative = key.slice('file:'.length);
    if (
      path.posix.isAbsolute(relative) ||
      path.win32.isAbsolute(relative) ||
      relative === '..' ||
      relative.startsWith('../')
    ) {
      this.problems.at(
        layer.doc,
        layer.file,
        entry.path,
        `\`extends\` takes a repo-relative path; \`${name}\` leaves the repository`,
      );
      return null;
    }
    let text: string | null;
    try {
      text = this.read(relative);
    } catch (error) {
      this.problems.at(layer.doc, layer.file, entry.path, `cannot read \`${name}\`: ${errorMessage(error)}`);
      return null;
    }
    if (text === null) {
      this.problems.at(
        layer.doc,
        layer.file,
        entry.path,
        `\`extends\` names \`${name}\`, which is not a file in the repository`,
      );
      return null;
    }
    return this.fromText(relative, key, text, chain);
  }

  /** Field paths of custom rules are strings with their own syntax; check them here, with positions. */
  private checkFields(layer: Layer): void {
    const seen = new Map<string, number>();
    (layer.parsed['custom-rules'] ?? []).forEach((rule, index) => {
      if (seen.has(rule.id))
        this.problems.at(
          layer.doc,
          layer.file,
          ['custom-rules', index, 'id'],
          `custom rule \`${rule.id}\` is defined twice in this file (first at entry ${seen.get(rule.id)! + 1})`,
        );
      seen.set(rule.id, index);
      for (const key of ['require', 'forbid'] as const) {
        const condition = rule[key];
        if (condition)
          walkFields(condition, ['custom-rules', index, key], (field, at) => {
            try {
              parseFieldPath(field);
            } catch (error) {
              if (!(error instanceof FieldPathError)) throw error;
              this.problems.at(
                layer.doc,
                layer.file,
                [...at, 'field'],
                `\`${pathLabel([...at, 'field'])}\`: ${error.message}`,
              );
            }
          });
      }
    });
  }
}

function walkFields(
  condition: ConditionInput,
  at: (string | number)[],
  visit: (field: NonNullable<ConditionInput['field']>, at: (string | number)[]) => void,
): void {
  if (condition.field !== undefined) visit(condition.field, at);
  condition.all?.forEach((c, i) => walkFields(c, [...at, 'all', i], visit));
  condition.any?.forEach((c, i) => walkFields(c, [...at, 'any', i], visit));
  if (condition.not) walkFields(condition.not, [...at, 'not'], visit);
}

/** A file without `extends:` builds on `recommended`; `extends: []` starts from the rule defaults. */
function extendsEntries(layer: Layer, key: string): { name: string; path: (string | number)[] }[] {
  const given = layer.parsed.extends;
  if (given === undefined) return key === 'preset:recommended' ? [] : [{ name: 'recommended', path: [] }];
  if (typeof given === 'string') return [{ name: given.trim(), path: ['extends'] }];
  return given.map((name, i) => ({ name: name.trim(), path: ['extends', i] }));
}

function emptyDoc(file: string): SourceDocument {
  return parseDocument(file, '{}\n', 'yaml').documents[0]!;
}
