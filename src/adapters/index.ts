/** The explicit registry of adapters, one per ecosystem. */
import { agentSettingsAdapter } from './agent-settings/index.js';
import type { Adapter } from './types.js';

export const ADAPTERS: readonly Adapter[] = [agentSettingsAdapter];
