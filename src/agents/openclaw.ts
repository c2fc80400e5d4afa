/**
 * OpenClaw. kagent writes its gateway config for an AgentHarness: a Telegram binding without
 * `allowedUserIDs` makes OpenClaw ask the owner to pair each new sender; a Slack binding defaults to
 * `channelAccess: open` (every channel the bot is in).
 */
import { tick } from '../model/fact.js';
import type { AgentDefinition, ChatChannelVerdict } from './types.js';

function chatChannel(platform: string, settings: Readonly<Record<string, unknown>>): ChatChannelVerdict | undefined {
  if (platform === 'telegram') return { open: false };
  if (platform !== 'slack') return undefined;
  const own = settings.openclaw;
  const access = own && typeof own === 'object' ? (own as Record<string, unknown>).channelAccess : undefined;
  const text = typeof access === 'string' ? access.trim() : '';
  if (text && text !== 'open') return { open: false };
  return text
    ? {
        open: true,
        reason: `sets ${tick('channelAccess: open')}, so anyone in any Slack channel the bot is added to can instruct the agent`,
        at: ['slack', 'openclaw', 'channelAccess'],
      }
    : {
        open: true,
        reason: `sets no ${tick('channelAccess')}, and kagent's default (${tick('open')}) lets anyone in any Slack channel the bot is added to instruct the agent`,
        at: ['slack'],
      };
}

export default {
  id: 'openclaw',
  title: 'OpenClaw',
  images: [{ glob: 'ghcr.io/openclaw/openclaw', what: 'OpenClaw' }],
  env: ['OPENCLAW_GATEWAY_TOKEN'],
  envPrefixes: ['OPENCLAW_'],
  chatAliases: ['nemoclaw'],
  chatChannel,
} satisfies AgentDefinition;
