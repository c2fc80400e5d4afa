/**
 * Kyverno ClusterPolicy and Policy: validate rules in Enforce mode (pattern, anyPattern, foreach over
 * the containers), mutate patches and generated NetworkPolicies, with the reach of each rule.
 */
import type { SourceRef } from '../../model.js';
import * as admission from './admission-types.js';
import type { AdmissionArtifact, AdapterSettings, Control, Resource, Scope } from './admission-types.js';

const { asText, isolationOfClasses, isRecord, list, POD_KIND, ref, texts } = admission;

type Anchor = 'plain' | 'add' | 'optional';

/** Reads `key` in a Kyverno pattern or patch: plain (required/overwrite), `+(key)` or `=(key)`. */
function anchored(node: unknown, key: string): { value: unknown; anchor: Anchor; key: string } | null {
  if (!isRecord(node)) return null;
  for (const [written, value] of Object.entries(node)) {
    if (written === key) return { value, anchor: 'plain', key: written };
    if (written === `+(${key})`) return { value, anchor: 'add', key: written };
    if (written === `=(${key})`) return { value, anchor: 'optional', key: written };
  }
  return null;
}

/** Follows keys through a pattern (lists: their first element); the weakest anchor on the way wins. */
function follow(
  node: unknown,
  keys: readonly string[],
): { value: unknown; anchor: Anchor; path: (string | number)[] } | null {
  let anchor: Anchor = 'plain';
  const path: (string | number)[] = [];
  let here = node;
  for (const key of keys) {
    if (Array.isArray(here)) {
      if (here.length !== 1) return null;
      here = here[0];
      path.push(0);
    }
    const hit = anchored(here, key);
    if (!hit) return null;
    if (hit.anchor === 'optional') anchor = 'optional';
    else if (hit.anchor === 'add' && anchor === 'plain') anchor = 'add';
    path.push(hit.key);
    here = hit.value;
  }
  return { value: here, anchor, path };
}

const POD_SPEC: Record<string, string[]> = { pod: ['spec'], controller: ['spec', 'template', 'spec'] };

export function kyverno(r: Resource, settings: AdapterSettings, out: AdmissionArtifact): void {
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  const policyEnforces = /^enforce$/i.test(asText(spec.validationFailureAction) ?? '');
  const audited = list(spec.validationFailureActionOverrides)
    .filter((o) => isRecord(o) && /^audit$/i.test(asText(o.action) ?? ''))
    .flatMap((o) => texts((o as Record<string, unknown>).namespaces));
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((rule, index) => {
    if (!isRecord(rule)) return;
    const scope = kyvernoScope(rule, r);
    if (!scope) return;
    scope.excluded.push(...audited);
    const at = (path: (string | number)[]): SourceRef => ref(r, ['spec', 'rules', index, ...path]);
    const name = `Kyverno ${r.kind} \`${r.name}\` (rule \`${asText(rule.name) ?? index + 1}\`)`;
    if (isRecord(rule.validate)) {
      const enforce =
        rule.validate.failureAction === undefined
          ? policyEnforces
          : /^enforce$/i.test(asText(rule.validate.failureAction) ?? '');
      if (!enforce) return;
      const patterns =
        rule.validate.pattern !== undefined ? [{ node: rule.validate.pattern, path: ['validate', 'pattern'] }] : [];
      const any = Array.isArray(rule.validate.anyPattern) ? rule.validate.anyPattern : [];
      // With anyPattern a pod passes on any one alternative: each fact holds only if every alternative forces it.
      const options =
        patterns.length > 0 ? patterns : any.map((node, i) => ({ node, path: ['validate', 'anyPattern', i] }));
      const found = options.map((o) =>
        patternControls(o.node, (p) => at([...o.path, ...p]), name, 'requires', settings),
      );
      if (found.length > 0) out.controls.push(...commonControls(found).map((c) => ({ ...c, scope })));
      out.controls.push(...foreachControls(rule.validate.foreach, at, name).map((c) => ({ ...c, scope })));
    }
    if (isRecord(rule.mutate) && rule.mutate.patchStrategicMerge !== undefined) {
      const found = patternControls(
        rule.mutate.patchStrategicMerge,
        (p) => at(['mutate', 'patchStrategicMerge', ...p]),
        name,
        'sets',
        settings,
      );
      out.controls.push(...found.map((c) => ({ ...c, scope })));
    }
    if (isRecord(rule.generate) && asText(rule.generate.kind) === 'NetworkPolicy' && isRecord(rule.generate.data)) {
      const data = isRecord(rule.generate.data.spec) ? rule.generate.data.spec : {};
      const types = Array.isArray(data.policyTypes) ? data.policyTypes.map((t) => asText(t)) : null;
      out.generated.push({
        scope: { ...scope, kinds: null },
        policy: {
          name: `NetworkPolicy \`${asText(rule.generate.name) ?? '?'}\`, which ${name} generates in the namespace`,
          file: r.file,
          doc: r.doc,
          path: [...r.path, 'spec', 'rules', index, 'generate', 'data'],
          podSelector: data.podSelector,
          egress: data.egress,
          governsEgress: types ? types.includes('Egress') : data.egress !== undefined,
        },
      });
    }
  });
}

/** The facts one pattern forces (for pods and pod controllers alike). */
function patternControls(
  pattern: unknown,
  at: (path: (string | number)[]) => SourceRef,
  name: string,
  verb: 'requires' | 'sets',
  settings: AdapterSettings,
): Omit<Control, 'scope'>[] {
  const out: Omit<Control, 'scope'>[] = [];
  for (const base of Object.values(POD_SPEC)) {
    const runtime = follow(pattern, [...base, 'runtimeClassName']);
    const value = runtime && typeof runtime.value === 'string' ? runtime.value : null;
    const level = value && runtime!.anchor !== 'optional' ? isolationOfClasses(value, settings) : null;
    if (level)
      out.push({
        fact: 'isolation',
        level,
        reason: `${name} ${verb} \`runtimeClassName: ${value}\` for the pods of the namespace`,
        source: at(runtime!.path),
        ...(runtime!.anchor === 'add' ? { ifAbsent: true } : {}),
      });
    out.push(...containerControls(pattern, [...base, 'containers'], at, name, verb));
  }
  return out;
}

/** Facts a pattern forces on every container reached through `base` (`[]` for a foreach over containers). */
function containerControls(
  pattern: unknown,
  base: readonly string[],
  at: (path: (string | number)[]) => SourceRef,
  name: string,
  verb: 'requires' | 'sets',
): Omit<Control, 'scope'>[] {
  const out: Omit<Control, 'scope'>[] = [];
  const readOnly = follow(pattern, [...base, 'securityContext', 'readOnlyRootFilesystem']);
  if (readOnly && readOnly.value === true && readOnly.anchor !== 'optional')
    out.push({
      fact: 'filesystem',
      level: 'read-only',
      reason: `${name} ${verb} \`readOnlyRootFilesystem: true\` on every container`,
      source: at(readOnly.path),
      ...(readOnly.anchor === 'add' ? { ifAbsent: true } : {}),
    });
  const limit =
    follow(pattern, [...base, 'resources', 'limits', 'memory']) ??
    follow(pattern, [...base, 'resources', 'limits', 'cpu']);
  if (limit && limit.anchor !== 'optional' && typeof limit.value === 'string' && limit.value.trim() !== '')
    out.push({
      fact: 'limits',
      level: 'bounded',
      reason: `${name} ${verb} resource limits on every container`,
      source: at(limit.path),
      ...(limit.anchor === 'add' ? { ifAbsent: true } : {}),
    });
  return out;
}

/** `foreach` over `request.object.spec…containers`: each entry's pattern applies to every (main) container. */
function foreachControls(
  entries: unknown,
  at: (path: (string | number)[]) => SourceRef,
  name: string,
): Omit<Control, 'scope'>[] {
  return list(entries).flatMap((entry, i) => {
    if (!isRecord(entry) || entry.preconditions !== undefined || entry.deny !== undefined) return [];
    const over = asText(entry.list) ?? '';
    if (
      !/^request\.object\.spec\.(template\.spec\.)?(containers|\[[^\]]*\bcontainers\b[^\]]*\])(\[\])?$/.test(
        over.replace(/\s+/g, ''),
      )
    )
      return [];
    return containerControls(
      entry.pattern,
      [],
      (p) => at(['validate', 'foreach', i, 'pattern', ...p]),
      name,
      'requires',
    );
  });
}

/** Facts forced by every alternative, at the weakest level among them. */
function commonControls(alternatives: Omit<Control, 'scope'>[][]): Omit<Control, 'scope'>[] {
  const [first, ...rest] = alternatives;
  return (first ?? []).filter((c) => rest.every((alt) => alt.some((o) => o.fact === c.fact && o.level === c.level)));
}

/** The rule's reach, or null when it cannot be told from the files (subjects, roles, preconditions). */
function kyvernoScope(rule: Record<string, unknown>, r: Resource): Scope | null {
  const filters = (block: unknown): Record<string, unknown>[] | null => {
    if (!isRecord(block)) return [];
    const entries = [...list(block.any), ...list(block.all)];
    if (block.resources !== undefined) entries.push({ resources: block.resources });
    for (const key of ['subjects', 'roles', 'clusterRoles']) if (block[key] !== undefined) return null;
    const records = entries.filter(isRecord);
    if (records.length !== entries.length || !records.every((e) => Object.keys(e).every((k) => k === 'resources')))
      return null;
    return records.map((e) => (isRecord(e.resources) ? e.resources : {}));
  };
  const match = filters(rule.match);
  const exclude = filters(rule.exclude);
  if (!match || match.length === 0 || !exclude) return null;
  if (
    rule.preconditions !== undefined &&
    !/^[^{]*\{\{\s*request\.operation[^}]*\}\}[^{]*$/s.test(JSON.stringify(rule.preconditions))
  )
    return null;
  if (isRecord(rule.match) && list(rule.match.all).length > 1) return null;
  const kinds = new Set<string>();
  const named: string[] = [];
  let namespaceSelector: unknown = null;
  let unrestricted = false;
  const select = (selector: unknown): boolean => {
    if (namespaceSelector !== null) return false;
    namespaceSelector = selector;
    return true;
  };
  for (const f of match) {
    // A rule on Namespace objects (one that generates a NetworkPolicy into each): names and labels pick them.
    if (texts(f.kinds).some((k) => k.split('/').pop() === 'Namespace')) {
      if (f.names !== undefined) named.push(...texts(f.names));
      else if (f.selector !== undefined) {
        if (!select(f.selector)) return null;
      } else unrestricted = true;
      continue;
    }
    // Object names and label selectors pick workloads this reading cannot map to pods.
    if (f.selector !== undefined || f.names !== undefined) return null;
    for (const k of texts(f.kinds)) kinds.add(k.split('/').pop()!);
    if (f.namespaces !== undefined) named.push(...texts(f.namespaces));
    else if (f.namespaceSelector !== undefined) {
      if (!select(f.namespaceSelector)) return null;
    } else unrestricted = true;
  }
  if (namespaceSelector !== null && named.length > 0 && !unrestricted) return null;
  let namespaces: string[] | null = unrestricted || namespaceSelector !== null ? null : named;
  if (unrestricted) namespaceSelector = null;
  const excluded: string[] = [];
  for (const f of exclude) {
    if (Object.keys(f).some((k) => k !== 'namespaces' && k !== 'kinds')) return null;
    excluded.push(...texts(f.namespaces));
  }
  // A namespaced Kyverno Policy only ever acts in its own namespace.
  if (r.kind === 'Policy') namespaces = r.namespace ? [r.namespace] : [];
  const all = kinds.has('*') || kinds.has(POD_KIND);
  return {
    namespaces,
    selectors: namespaceSelector === null ? [] : [namespaceSelector],
    excluded,
    kinds: all ? null : [...kinds],
  };
}
