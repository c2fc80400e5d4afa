/**
 * Attestations across the layers of a policy: resolved with the line of every entry and fact, and
 * checked where a check needs the whole policy, the clock or the repository (ids unique in a file,
 * expiry within `attestations.max-days`, evidence paths that exist).
 */
import { SANDBOX_FACTS } from '../model.js';
import { addDays } from '../util/dates.js';
import type { Layer } from './merge.js';
import type { Problems } from './problems.js';
import { attestationsOf, isUrlEvidence, type Attestation } from './schema-attestations.js';
import type { ResolvedPolicy } from './schema.js';

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? [...value] : [value]);

/** One layer's attestations, positioned in its file. */
export function layerAttestations(layer: Layer): Attestation[] {
  const { entries, base } = attestationsOf(layer.parsed.attestations);
  return entries.map((entry, index) => {
    const path = [...base, index];
    const select = entry['applies-to'];
    const appliesTo: Attestation['appliesTo'] = {};
    if (select.kind !== undefined) appliesTo.kind = list(select.kind);
    if (select.agent !== undefined) appliesTo.agent = list(select.agent);
    if (select.path !== undefined) appliesTo.path = list(select.path);
    if (select.name !== undefined) appliesTo.name = list(select.name);
    if (select.labels !== undefined) appliesTo.labels = { ...select.labels };
    if (select['runs-on'] !== undefined) appliesTo.runsOn = list(select['runs-on']);
    if (select['runner-group'] !== undefined) appliesTo.runnerGroup = select['runner-group'];
    if (select.namespace !== undefined) appliesTo.namespace = list(select.namespace);
    const facts: Attestation['facts'] = {};
    const factAt: Attestation['factAt'] = {};
    for (const name of SANDBOX_FACTS) {
      const level = entry.facts[name];
      if (level === undefined) continue;
      facts[name] = level;
      factAt[name] = layer.doc.locate([...path, 'facts', name]);
    }
    return {
      id: entry.id,
      appliesTo,
      facts,
      evidence: entry.evidence,
      owner: entry.owner,
      expires: entry.expires,
      at: { file: layer.file, range: layer.doc.locate(path) },
      factAt,
    };
  });
}

/**
 * Checks that need more than one entry: a unique id per file, an expiry no further than
 * `maxDays` after `today`, and evidence paths that name a file of the repository.
 */
export function checkAttestations(
  layers: readonly Layer[],
  maxDays: number,
  today: string,
  read: (file: string) => string | null,
  problems: Problems,
): void {
  const latest = addDays(today, maxDays);
  for (const layer of layers) {
    const { entries, base } = attestationsOf(layer.parsed.attestations);
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const at = (key: string, message: string): void =>
        problems.at(layer.doc, layer.file, [...base, index, key], message);
      const first = seen.get(entry.id);
      if (first !== undefined)
        at('id', `attestation \`${entry.id}\` is defined twice in this file (first at entry ${first + 1})`);
      else seen.set(entry.id, index);
      if (entry.expires > latest)
        at(
          'expires',
          `\`expires: ${entry.expires}\` is more than ${maxDays} days ahead (\`attestations.max-days\`); attest until ${latest} at the latest and renew it then`,
        );
      if (!isUrlEvidence(entry.evidence) && !exists(read, entry.evidence.replace(/^\.\//, '')))
        at('evidence', `\`evidence\` names \`${entry.evidence}\`, which is not a file in the repository`);
    });
  }
}

function exists(read: (file: string) => string | null, file: string): boolean {
  try {
    return read(file) !== null;
  } catch {
    // Present but unreadable as a policy (too large, binary): it exists, which is all evidence needs.
    return true;
  }
}

/**
 * Governance hook for pull requests: marks each attestation of `head` whose entry is not in `base`
 * word for word (a new id, or any field changed) with `inBase: false`, and the rest with `inBase:
 * true`. The engine applies an entry marked `inBase: false` only once something sets `approved`
 * (the suppression approvers, for example), so a pull request cannot attest its own sandbox.
 */
export function markProposedAttestations(head: ResolvedPolicy, base: ResolvedPolicy | null): ResolvedPolicy {
  const known = new Map((base?.attestations ?? []).map((a) => [a.id, fingerprint(a)]));
  return {
    ...head,
    attestations: head.attestations.map((a) => ({ ...a, inBase: known.get(a.id) === fingerprint(a) })),
  };
}

const fingerprint = (a: Attestation): string => JSON.stringify([a.appliesTo, a.facts, a.evidence, a.owner, a.expires]);
