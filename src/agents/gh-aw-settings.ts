/**
 * GitHub Agentic Workflows (`.github/workflows/<name>.md`): YAML front matter compiled to
 * `<name>.lock.yml`. By default the agent runs in the AWF container (`sandbox.agent: awf`) behind a
 * domain allowlist (`network: defaults`), with a read-only token and a 20-minute job timeout.
 */
import { collectInlineValues } from '../secrets.js';
import type { Approval, Credentials, Fact, Isolation, Limits, Network, SourceRef } from '../model.js';
import { CLAUDE_BYPASS_FLAGS, shellReach } from './claude-code-tools.js';
import { CODEX_BYPASS_ARGS } from './codex.js';
import { COPILOT_BYPASS_ARGS } from './copilot.js';
import { GEMINI_BYPASS_ARGS } from './gemini-cli.js';
import {
  emptyDetails,
  fact,
  get,
  isRecord,
  ref,
  shortValue,
  stringItems,
  type AgentSettingsDetails,
  type Json,
  hasFrontMatter,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';
import { append } from '../util/arrays.js';
import { MODEL_SCOPES } from './token-scopes.js';

const SECRET_REFERENCE = '`${{ secrets.NAME }}`';

export const ghAwPath = (file: string): boolean =>
  /(^|\/)\.github\/workflows\/.+\.md$/i.test(file) && !/(^|\/)README\.md$/i.test(file);
/** A workflow has a trigger; shared components imported by others have none and run nothing alone. */
export const isGhAwWorkflow = (value: Json): boolean =>
  isRecord(value) && (Object.hasOwn(value, 'on') || Object.hasOwn(value, 'engine'));

/** `sandbox.agent.runtime` values: rootless docker by default; `nvx` and `cloud-hypervisor` are micro-VMs (previews). */
const RUNTIME_ISOLATION: Record<string, Isolation> = {
  docker: 'container',
  'docker-sudo-iptables': 'container',
  gvisor: 'gvisor',
  'docker-sbx': 'microvm',
  'cloud-hypervisor': 'microvm',
  nvx: 'microvm',
};
/** The runtime that runs AWF privileged, with access to host services and ports. */
const PRIVILEGED_RUNTIME = 'docker-sudo-iptables';

/** Flags that turn an engine's own approvals off, as each engine's module writes them. */
const ENGINE_BYPASS = new RegExp(
  [CLAUDE_BYPASS_FLAGS, CODEX_BYPASS_ARGS, GEMINI_BYPASS_ARGS, COPILOT_BYPASS_ARGS].map((r) => r.source).join('|'),
);

export function readGhAw({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails('gh-aw-workflow', 'workflow', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const at = (...path: (string | number)[]): SourceRef => ref(file, path);
  const engine =
    typeof s['engine'] === 'string'
      ? s['engine']
      : typeof get(s, ['engine', 'id']) === 'string'
        ? (get(s, ['engine', 'id']) as string)
        : 'copilot';

  const isolation = ghAwIsolation(s, at);
  const off = isolation.value === 'none' && isolation.source !== null;
  const network = off
    ? fact<Network>(
        'open',
        'the AWF firewall is off with the agent sandbox, so the agent can connect to any host',
        isolation.source,
      )
    : (callerNetwork(s, at) ?? hostedWeb(s, at) ?? ghAwNetwork(s, at));
  collectRisks(s, at, details);
  collectBash(s, file, details);
  for (const key of ['env'])
    if (isRecord(s[key])) append(details.inlineValues, collectInlineValues(s[key], at(key), key));
  if (isRecord(get(s, ['engine', 'env'])))
    append(details.inlineValues, collectInlineValues(get(s, ['engine', 'env']), at('engine', 'env'), 'engine.env'));

  return {
    agent: 'gh-aw',
    signals: [`GitHub agentic workflow with the \`${shortValue(engine)}\` engine`],
    sandbox: {
      isolation,
      network,
      filesystem: off
        ? fact('full', 'without the agent sandbox the agent writes anywhere on the runner', isolation.source)
        : fact(
            'workspace',
            'AWF mounts the workspace, home and temp directories writable and system paths read-only',
            null,
          ),
      approval: ghAwApproval(s, at),
      credentials: ghAwCredentials(s, at),
      limits: ghAwLimits(s, at),
    },
    details,
  };
}

function ghAwIsolation(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Isolation> {
  const sandbox = s['sandbox'];
  if (sandbox === false)
    return fact('none', '`sandbox` is false, so the agent runs directly on the runner', at('sandbox'));
  const agent = get(s, ['sandbox', 'agent']);
  if (agent === false) {
    const optedOut = get(s, ['features', 'dangerously-disable-sandbox-agent']) === true;
    return fact(
      'none',
      `\`sandbox.agent\` is false, so the agent runs directly on the runner without the AWF container${optedOut ? ' (`features.dangerously-disable-sandbox-agent` opts in)' : ' (gh-aw compiles it only with `features.dangerously-disable-sandbox-agent: true`, which an edit can add)'}`,
      at('sandbox', 'agent'),
    );
  }
  if (agent === 'srt')
    return fact('process', '`sandbox.agent` is `srt`, the Anthropic sandbox runtime', at('sandbox', 'agent'));
  const runtime = get(s, ['sandbox', 'agent', 'runtime']);
  if (typeof runtime === 'string') {
    // Own keys only: a runtime named `constructor` must not find Object.prototype's.
    const level = (Object.hasOwn(RUNTIME_ISOLATION, runtime) ? RUNTIME_ISOLATION[runtime] : undefined) ?? 'container';
    return fact(level, `\`sandbox.agent.runtime\` is \`${shortValue(runtime)}\``, at('sandbox', 'agent', 'runtime'));
  }
  if (agent !== undefined)
    return fact(
      'container',
      `\`sandbox.agent\` is \`${shortValue(agent)}\`, the AWF container`,
      at('sandbox', 'agent'),
    );
  return fact('container', 'no `sandbox` is set, and gh-aw runs the agent in the AWF container by default', null);
}

function ghAwNetwork(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Network> {
  const network = s['network'];
  if (network === undefined)
    return fact('allowlist', 'no `network` is set, and gh-aw allows only its `defaults` domains', null);
  if (network === 'defaults')
    return fact('allowlist', '`network` is `defaults`, a fixed list of infrastructure domains', at('network'));
  if (!isRecord(network)) return fact('allowlist', `\`network\` is \`${shortValue(network)}\``, at('network'));
  if (network['firewall'] === false)
    return fact('open', '`network.firewall` is false, so the agent can connect to any host', at('network', 'firewall'));
  const allowed = stringItems(network['allowed']);
  const wildcard = allowed.find(({ item }) => /^\*+$/.test(item.trim()));
  if (wildcard)
    return fact(
      'open',
      `\`network.allowed\` has \`${wildcard.item}\`, every host`,
      at('network', 'allowed', wildcard.index),
    );
  if (allowed.length > 0)
    return fact(
      'allowlist',
      `\`network.allowed\` lists ${allowed.length} domain(s) or ecosystem(s)`,
      at('network', 'allowed'),
    );
  if (Object.keys(network).length === 0)
    return fact('none', '`network` is `{}`, which blocks all network access', at('network'));
  return fact(
    'allowlist',
    "`network` sets no `allowed` list, so only the engine's own domains are reachable",
    at('network'),
  );
}

function collectBash(s: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  for (const { item, index } of stringItems(get(s, ['tools', 'bash']))) {
    const { reach } = shellReach(item.trim() === ':*' ? '*' : item);
    if (reach !== 'limited')
      details.toolGrants.push({
        pattern: item,
        reach,
        list: 'tools.bash',
        source: ref(file, ['tools', 'bash', index]),
      });
  }
}

function ghAwApproval(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Approval> {
  for (const { item, index } of stringItems(get(s, ['engine', 'args']))) {
    if (ENGINE_BYPASS.test(item))
      return fact(
        'bypassed',
        `\`engine.args\` passes \`${shortValue(item)}\`, which turns the engine's approvals off`,
        { ...at('engine', 'args', index), text: ENGINE_BYPASS },
      );
  }
  const bash = get(s, ['tools', 'bash']);
  if (Array.isArray(bash)) {
    const open = stringItems(bash).some(
      ({ item }) => shellReach(item.trim() === ':*' ? '*' : item).reach !== 'limited',
    );
    if (!open) return fact('restricted', `\`tools.bash\` allows ${bash.length} listed command(s)`, at('tools', 'bash'));
    return fact('unrestricted', '`tools.bash` lets the agent run any command unattended', at('tools', 'bash'));
  }
  return fact(
    'unrestricted',
    'no `tools.bash` list is set, and inside the AWF container gh-aw lets the agent run any command unattended',
    null,
  );
}

function ghAwCredentials(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Credentials> {
  const permissions = s['permissions'];
  if (permissions === 'write-all') return fact('write', '`permissions` is `write-all`', at('permissions'));
  if (isRecord(permissions)) {
    const writes = Object.entries(permissions).filter(
      ([scope, level]) => level === 'write' && !MODEL_SCOPES.has(scope),
    );
    if (writes.length > 0) {
      const [scope] = writes[0]!;
      return fact(
        'write',
        `\`permissions.${scope}\` is \`write\`, so the agent job's token can write`,
        at('permissions', scope),
        writes
          .slice(1)
          .map(([other]) => ({ reason: `\`permissions.${other}\` is \`write\``, source: at('permissions', other) })),
      );
    }
    return fact(
      'read',
      '`permissions` grants the agent job read access only; writes go through safe outputs',
      at('permissions'),
    );
  }
  return fact('read', 'gh-aw gives the agent job a read-only token by default; writes go through safe outputs', null);
}

function ghAwLimits(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Limits> {
  for (const key of ['timeout-minutes', 'timeout_minutes']) {
    if (s[key] !== undefined) return fact('bounded', `\`${key}\` is ${shortValue(s[key])}`, at(key));
  }
  for (const key of ['max-turns', 'max_turns']) {
    if (s[key] !== undefined) return fact('bounded', `\`${key}\` is ${shortValue(s[key])}`, at(key));
  }
  // A negative `max-ai-credits` turns the credit cap off; the default timeout still bounds the job.
  const credits = s['max-ai-credits'];
  if (typeof credits === 'number' && credits >= 0)
    return fact('bounded', `\`max-ai-credits\` caps the run at ${credits} AI credits`, at('max-ai-credits'));
  return fact('bounded', 'gh-aw stops the agent job after 20 minutes (and 500 turns) by default', null);
}

/** `network.allowed-input: true`: a caller's `network_allowed` input widens egress to whatever it passes. */
function callerNetwork(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Network> | null {
  if (get(s, ['network', 'allowed-input']) !== true) return null;
  return fact(
    'open',
    '`network.allowed-input` is true, so any caller of the workflow can widen egress through its `network_allowed` input',
    at('network', 'allowed-input'),
  );
}

/** `network.hosted-web`: the engine provider's own web search and fetch, which `network.allowed` does not limit. */
function hostedWeb(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Network> | null {
  const web = get(s, ['network', 'hosted-web']);
  const on = web === true || (isRecord(web) && web['enabled'] !== false);
  if (!on) return null;
  if (isRecord(web) && stringItems(web['allowed']).length > 0) return null;
  return fact(
    'open',
    "`network.hosted-web` turns on the provider's hosted web search and fetch with no `allowed` list, which the firewall does not limit",
    at('network', 'hosted-web'),
  );
}

/** Settings that keep the sandbox but widen it or drop gh-aw's own safety checks. */
function collectRisks(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  details: AgentSettingsDetails,
): void {
  if (get(s, ['sandbox', 'agent', 'runtime']) === PRIVILEGED_RUNTIME)
    details.sandboxGaps.push({
      key: 'sandbox.agent.runtime',
      value: PRIVILEGED_RUNTIME,
      why: 'it runs the AWF firewall with sudo and lets the agent reach host services and ports',
      level: 'weak',
      source: at('sandbox', 'agent', 'runtime'),
    });
  if (s['strict'] === false)
    details.widening.push({
      key: 'strict',
      value: 'false',
      why: "it turns off strict mode's checks (secrets in `env`, install scripts, disabling the agent sandbox)",
      source: at('strict'),
    });
  if (get(s, ['tools', 'github', 'lockdown']) === false)
    details.widening.push({
      key: 'tools.github.lockdown',
      value: 'false',
      why: "it lets content from any user's issues and pull requests reach the agent, not only from users with push access",
      source: at('tools', 'github', 'lockdown'),
    });
}

export const GH_AW_SETTINGS_FILES: readonly SettingsFile[] = [
  {
    order: 230,
    paths: ['**/.github/workflows/'],
    match: ghAwPath,
    sniff: hasFrontMatter,
    accepts: isGhAwWorkflow,
    read: readGhAw,
  },
];
