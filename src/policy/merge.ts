/** Merges the layers of a policy (presets and files named in `extends`, then the file itself): later wins. */
import type { z } from 'zod';
import type { SourceDocument } from '../documents/types.js';
import { layerAttestations } from './attestations.js';
import { defaultPolicy } from './defaults.js';
import { attestationsOf, type Attestation } from './schema-attestations.js';
import {
  detectSettings,
  type CustomRuleDef,
  type PolicyException,
  type ResolvedPolicy,
  type RuleSetting,
  type policySchema,
} from './schema.js';

export interface Layer {
  /** Repo-relative path, an absolute path, or `built-in:<preset>`. */
  file: string;
  doc: SourceDocument;
  /** The file's value as written (to tell which keys were given). */
  raw: Record<string, unknown>;
  parsed: z.output<typeof policySchema>;
  parents: Layer[];
}

type Normal = { severity?: 'off' | 'error' | 'warning' | 'notice'; options?: Record<string, unknown> };

/** The merged policy; `source` is left for the caller to set. */
export function mergeLayers(layers: readonly Layer[]): ResolvedPolicy {
  const policy = defaultPolicy();
  const rules: Record<string, Normal> = {};
  const custom = new Map<string, CustomRuleDef>();
  const exceptions: PolicyException[] = [];
  const attestations = new Map<string, Attestation>();
  let detect: Record<string, unknown> = {};

  for (const layer of layers) {
    const p = layer.parsed;
    if (p['fail-on'] !== undefined) policy.failOn = p['fail-on'];
    if (p.include !== undefined) policy.include = [...p.include];
    if (p.exclude !== undefined) policy.exclude = [...p.exclude];
    if (p['max-file-size'] !== undefined) policy.maxFileSize = p['max-file-size'];
    if (p.templated !== undefined) policy.templated = p.templated;
    if (p.only !== undefined) policy.only = [...p.only];
    for (const [id, setting] of Object.entries(p.rules ?? {})) rules[id] = mergeSetting(rules[id], setting);
    for (const override of p.overrides ?? [])
      policy.overrides.push({ files: [...override.files], rules: { ...override.rules } });
    (p['custom-rules'] ?? []).forEach((rule, index) => {
      const line = layer.doc.locate(['custom-rules', index]).line;
      custom.set(rule.id, {
        id: rule.id,
        ...(rule.title !== undefined ? { title: rule.title } : {}),
        message: rule.message,
        severity: rule.severity,
        ...(rule.help !== undefined ? { help: rule.help } : {}),
        select: {
          ...(rule.select?.kind !== undefined ? { kind: list(rule.select.kind) } : {}),
          ...(rule.select?.agent !== undefined ? { agent: list(rule.select.agent) } : {}),
          ...(rule.select?.path !== undefined ? { path: list(rule.select.path) } : {}),
          ...(rule.select?.name !== undefined ? { name: list(rule.select.name) } : {}),
          ...(rule.select?.labels !== undefined ? { labels: { ...rule.select.labels } } : {}),
        },
        require: rule.forbid ? { not: rule.forbid } : rule.require!,
        source: `${layer.file}:${line}`,
      });
    });
    (p.exceptions ?? []).forEach((exception, index) => {
      exceptions.push({
        rule: exception.rule,
        paths: exception.paths ? [...exception.paths] : [],
        ...(exception.deployment !== undefined ? { deployment: exception.deployment } : {}),
        ...(exception.deployments !== undefined ? { deployments: [...exception.deployments] } : {}),
        reason: exception.reason,
        ...(exception.expires !== undefined ? { expires: exception.expires } : {}),
        at: { file: layer.file, range: layer.doc.locate(['exceptions', index]) },
      });
    });
    // A later layer's attestation with the same id replaces the earlier one.
    for (const attestation of layerAttestations(layer)) {
      attestations.delete(attestation.id);
      attestations.set(attestation.id, attestation);
    }
    const maxDays = attestationsOf(p.attestations).maxDays;
    if (maxDays !== undefined) policy.attestationMaxDays = maxDays;
    const s = p.suppressions;
    if (s) {
      if (s.inline !== undefined) policy.suppressions.inline = s.inline;
      if (s.annotations !== undefined) policy.suppressions.annotations = s.annotations;
      if (s.rules !== undefined) policy.suppressions.rules = [...s.rules];
      if (s['require-reason'] !== undefined) policy.suppressions.requireReason = s['require-reason'];
      if (s['max-days'] !== undefined) policy.suppressions.maxDays = s['max-days'];
      if (s['from-pull-request'] !== undefined) policy.suppressions.fromPullRequest = s['from-pull-request'];
      if (s.approvers !== undefined) policy.suppressions.approvers = [...s.approvers];
    }
    // Only the detect keys a file actually wrote override earlier ones; zod filled in the rest.
    const rawDetect = layer.raw.detect;
    if (rawDetect && typeof rawDetect === 'object') detect = { ...detect, ...(rawDetect as Record<string, unknown>) };
  }

  policy.rules = rules as Record<string, RuleSetting>;
  policy.customRules = [...custom.values()];
  policy.exceptions = exceptions;
  policy.attestations = [...attestations.values()];
  policy.detect = detectSettings.parse(detect);
  return policy;
}

/** A severity string keeps earlier options; an object merges severity and options key by key. */
function mergeSetting(base: Normal | undefined, setting: RuleSetting): Normal {
  const next: Normal = { ...(base ?? {}) };
  if (typeof setting === 'string') next.severity = setting;
  else {
    if (setting.severity !== undefined) next.severity = setting.severity;
    if (setting.options !== undefined) next.options = { ...(next.options ?? {}), ...setting.options };
  }
  return next;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? [...value] : [value]);
