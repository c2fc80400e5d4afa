/**
 * Hermes Agent (Nous Research). Its messaging gateway (Telegram, Slack, Discord, …) denies every
 * sender who is not allowlisted (`TELEGRAM_ALLOWED_USERS`, `SLACK_ALLOWED_USERS`) or paired by the
 * owner through a one-time DM code, unless `GATEWAY_ALLOW_ALL_USERS` or a platform's own
 * `<PLATFORM>_ALLOW_ALL_USERS` is true (hermes-agent docs, user-guide/security).
 */
import type { AgentDefinition } from './types.js';

export default {
  id: 'hermes',
  title: 'Hermes Agent',
  chatOpenToAll: ['GATEWAY_ALLOW_ALL_USERS', '{PLATFORM}_ALLOW_ALL_USERS'],
} satisfies AgentDefinition;
