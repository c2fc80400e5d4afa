/** Codex's command-line flags (`--sandbox`, `-c sandbox_mode=…`, `--yolo`), as sandbox evidence. */
import type { SourceRef } from '../model/source.js';
import { readCodexConfig } from './codex-config.js';
import type { FactEvidence, FlagReader } from './flags.js';

/** Configuration keys that decide Codex's sandbox or approvals. */
const SANDBOX_KEYS = /^(?:sandbox_mode|sandbox_workspace_write\.|approval_policy|profile$)/;

type Add = <K extends keyof FactEvidence>(fact: K, evidence: FactEvidence[K]) => void;

/** Codex `--sandbox` values and `-c sandbox_mode=…` both land here. */
export function codexSandbox(add: Add, mode: string, source: SourceRef, what: string): void {
  if (mode === 'danger-full-access') {
    add('isolation', { value: 'none', reason: `${what} turns Codex's sandbox off`, source });
    add('network', { value: 'open', reason: `${what} lifts Codex's network block`, source: null, boundary: true });
    add('filesystem', {
      value: 'full',
      reason: `${what} lets Codex write anywhere the runner user can`,
      source: null,
      boundary: true,
    });
  } else if (mode === 'read-only' || mode === 'workspace-write') {
    add('isolation', { value: 'process', reason: `${what} runs Codex's commands in its OS sandbox`, source });
    add('network', {
      value: 'none',
      reason: `Codex's ${mode} sandbox blocks network access unless \`network_access\` is set`,
      source: null,
      boundary: true,
    });
    add('filesystem', {
      value: mode === 'read-only' ? 'read-only' : 'workspace',
      reason: `${what} limits writes${mode === 'read-only' ? ' to nothing' : ' to the workspace'}`,
      source,
      boundary: true,
    });
  }
}

export const readCodexFlags: FlagReader = (r) => {
  const add: Add = (fact, evidence) => r.add(fact, evidence);
  const bypass = r.flags('--dangerously-bypass-approvals-and-sandbox', '--yolo');
  for (const f of bypass) {
    const source = r.ref(f.word);
    const where = r.label(f.word);
    add('approval', { value: 'bypassed', reason: `\`${f.name}\` in ${where} skips every approval`, source });
    add('isolation', { value: 'none', reason: `\`${f.name}\` in ${where} turns Codex's sandbox off`, source });
    add('network', {
      value: 'open',
      reason: `\`${f.name}\` lifts Codex's network block`,
      source: null,
      boundary: true,
    });
    add('filesystem', {
      value: 'full',
      reason: `\`${f.name}\` lets Codex write anywhere the runner user can`,
      source: null,
      boundary: true,
    });
  }
  for (const f of r.flags('--full-auto'))
    codexSandbox(add, 'workspace-write', r.ref(f.word), `\`--full-auto\` in ${r.label(f.word)}`);
  for (const f of r.flags('--sandbox', '-s'))
    if (f.value && !r.unknownValue(`the value of \`${f.name}\` in ${r.label(f.word)}`, f.value))
      codexSandbox(add, f.value.text, r.ref(f.value), `\`--sandbox ${f.value.text}\` in ${r.label(f.value)}`);
  for (const f of r.flags('-c', '--config')) {
    const m = /^\s*([\w.]+)\s*=\s*["']?([^"']*)["']?\s*$/.exec(f.value?.text ?? '');
    // `-c "$OVERRIDE"` or `-c sandbox_mode=$MODE`: an override known only at run time may open the sandbox.
    if (
      f.value &&
      (!m || SANDBOX_KEYS.test(m[1]!)) &&
      r.unknownValue(`the \`${f.name}\` override in ${r.label(f.word)}`, f.value)
    )
      continue;
    if (!m || !f.value) continue;
    const [, key, value] = m;
    if (key === 'sandbox_mode')
      codexSandbox(add, value!, r.ref(f.value), `\`-c sandbox_mode=${value}\` in ${r.label(f.value)}`);
    if (key === 'sandbox_workspace_write.network_access' && value === 'true')
      add('network', {
        value: 'open',
        reason: `\`-c ${key}=true\` in ${r.label(f.value)} gives Codex's sandbox the network`,
        source: r.ref(f.value),
        boundary: true,
      });
  }
  if (r.flags('--add-dir').length > 0) r.note('`--add-dir` adds writable directories to Codex');
  // With the sandbox and approvals already off, no configuration can make the run weaker.
  if (bypass.length > 0) return;
  const overrides = r.flags('-c', '--config').map((f) => f.value?.text ?? '');
  const mode =
    r.flags('--sandbox', '-s').findLast((f) => f.value)?.value?.text ??
    overrides
      .findLast((o) => /^\s*sandbox_mode\s*=/.test(o))
      ?.replace(/^\s*sandbox_mode\s*=\s*["']?([^"']*)["']?\s*$/, '$1') ??
    (r.flags('--full-auto').length > 0 ? 'workspace-write' : null);
  readCodexConfig(r, add, codexSandbox, {
    mode,
    network: overrides.some((o) => /^\s*sandbox_workspace_write\.network_access\s*=/.test(o)),
  });
};
