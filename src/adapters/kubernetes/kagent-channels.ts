/**
 * kagent `AgentHarness` channels (`spec.channels[]`, v1alpha2 and v1alpha3): Telegram and Slack bots
 * wired into the harness, whose messages become the agent's prompt. A channel anyone can write to is
 * outsider text reaching the agent (judged by `prompt-injection`), read as kagent's controller
 * configures it: an OpenClaw Slack binding defaults to `channelAccess: open` (every channel the bot
 * is in); a Telegram binding without `allowedUserIDs` makes OpenClaw ask the owner to pair each new
 * sender. Other backends are judged by the catalogue: Hermes denies senders it was not told to
 * trust unless an `env` switch (`GATEWAY_ALLOW_ALL_USERS: "true"`) opens its gateway; a backend the
 * catalogue does not know is open unless the binding names `allowedUserIDs`. The bot and app tokens
 * become the harness's environment variables.
 */
import type { SourceRef } from '../../model.js';
import type { Credential, EnvEntry, UntrustedInput } from '../../model/details/k8s-workload.js';
import { isPlaceholder } from '../../secrets.js';
import { tick } from '../../model/fact.js';
import { asText, isRecord, refIn, valueAt } from '../../containers/layers.js';
import { agentById, chatOpenToAllOf } from '../../agents/index.js';
import { KAGENT_GROUP } from './kagent.js';
import type { Resource } from './workloads.js';

export interface HarnessChannels {
  untrusted: UntrustedInput[];
  env: EnvEntry[];
  secrets: Credential[];
}

const listed = (v: unknown): boolean => Array.isArray(v) && v.some((s) => typeof s === 'string' && s.trim() !== '');

export function harnessChannels(r: Resource, container: string): HarnessChannels {
  const out: HarnessChannels = { untrusted: [], env: [], secrets: [] };
  if (r.group !== KAGENT_GROUP || r.kind !== 'AgentHarness') return out;
  const channels = valueAt(r.value, ['spec', 'channels']);
  if (!Array.isArray(channels)) return out;
  const backend = asText(valueAt(r.value, ['spec', 'backend']))?.toLowerCase() ?? '';
  const openclaw = backend === 'openclaw' || backend === 'nemoclaw';
  const agent = agentById(backend)?.id;
  channels.forEach((channel, i) => {
    if (!isRecord(channel)) return;
    const base = ['spec', 'channels', i];
    const at = (...sub: (string | number)[]): SourceRef => refIn(r, [...base, ...sub]);
    const name = asText(channel.name) ?? `channels[${i}]`;
    const type = asText(channel.type)?.toLowerCase() ?? '';
    const label = `${type === 'slack' ? 'Slack' : type === 'telegram' ? 'Telegram' : tick(type || '?')} channel ${tick(name)}`;
    const open = (reason: string, where: SourceRef): void => {
      out.untrusted.push({ at: where, source: label, reason });
    };
    const spec = isRecord(channel[type]) ? (channel[type] as Record<string, unknown>) : {};
    for (const token of ['botToken', 'appToken']) tokenOf(r, spec, [...base, type, token], container, label, out);
    if (openclaw) {
      // kagent writes OpenClaw's config: Telegram without allowedUserIDs pairs each new sender with the owner.
      if (type === 'telegram') return;
      if (type === 'slack') {
        const access = asText(valueAt(spec, ['openclaw', 'channelAccess']));
        if (access && access !== 'open') return;
        open(
          access
            ? `sets ${tick('channelAccess: open')}, so anyone in any Slack channel the bot is added to can instruct the agent`
            : `sets no ${tick('channelAccess')}, and kagent's default (${tick('open')}) lets anyone in any Slack channel the bot is added to instruct the agent`,
          access ? at('slack', 'openclaw', 'channelAccess') : at('slack'),
        );
        return;
      }
    }
    const opened = openingVariable(r, agent, type);
    if (opened) {
      open(
        `is opened to every sender by ${tick(`${opened.name}: ${opened.value}`)} in the harness's ${tick('env')}`,
        opened.at,
      );
      return;
    }
    // A gateway that denies unknown senders unless allowlisted or paired by the owner.
    if (agent && chatOpenToAllOf(agent, type).length > 0) return;
    const ids = type === 'slack' ? ['slack', 'hermes', 'allowedUserIDs'] : [type, 'allowedUserIDs'];
    if (listed(valueAt(channel, ids)) || isRecord(valueAt(channel, [...ids.slice(0, -1), 'allowedUserIDsFrom'])))
      return;
    open(
      `names no ${tick('allowedUserIDs')}, and who may message the ${tick(backend || '?')} backend's bot by default is not known, so anyone may be able to`,
      at(...(isRecord(channel[type]) ? [type] : [])),
    );
  });
  return out;
}

/** An `env` entry of the harness that opens the backend's chat gateway on `platform` to every sender. */
function openingVariable(
  r: Resource,
  agent: string | undefined,
  platform: string,
): { name: string; value: string; at: SourceRef } | null {
  const names = agent ? chatOpenToAllOf(agent, platform) : [];
  const env = valueAt(r.value, ['spec', 'env']);
  if (names.length === 0 || !Array.isArray(env)) return null;
  for (const [i, entry] of env.entries()) {
    const name = isRecord(entry) ? asText(entry.name) : undefined;
    const value = isRecord(entry) ? asText(entry.value) : undefined;
    if (name && value && names.includes(name) && /^(?:true|1|yes)$/i.test(value.trim()))
      return { name, value, at: refIn(r, ['spec', 'env', i]) };
  }
  return null;
}

/** A channel credential: written inline it is a literal in the harness's environment; from a Secret, a credential it holds. */
function tokenOf(
  r: Resource,
  spec: Record<string, unknown>,
  path: (string | number)[],
  container: string,
  label: string,
  out: HarnessChannels,
): void {
  const key = String(path[path.length - 1]);
  const token = spec[key];
  if (!isRecord(token)) return;
  const variable = `${String(path[path.length - 2]).toUpperCase()}_${key === 'botToken' ? 'BOT' : 'APP'}_TOKEN`;
  const value = asText(token.value);
  if (value !== undefined)
    out.env.push({
      container,
      name: variable,
      literal: true,
      placeholder: value === '' || isPlaceholder(value),
      ref: refIn(r, [...path, 'value']),
    });
  const from = isRecord(token.valueFrom) ? token.valueFrom : null;
  if (from && asText(from.type) === 'Secret')
    out.secrets.push({
      reason: `the ${key === 'botToken' ? 'bot' : 'app'} token of ${label} is read from Secret ${tick(asText(from.name) ?? '?')}`,
      ref: refIn(r, path),
    });
}
