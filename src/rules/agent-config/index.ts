/** Rules for agent-config deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';
import settingsBaseUrlOverride from './settings-base-url-override.js';
import settingsDangerousProfile from './settings-dangerous-profile.js';
import settingsHooks from './settings-hooks.js';
import settingsMcpAutoApprove from './settings-mcp-auto-approve.js';
import settingsPermissionWidening from './settings-permission-widening.js';
import settingsPluginMarketplace from './settings-plugin-marketplace.js';
import settingsSandboxEscapeHatch from './settings-sandbox-escape-hatch.js';
import settingsUnrestrictedTools from './settings-unrestricted-tools.js';

export const agentConfigRules: Rule[] = [
  settingsBaseUrlOverride,
  settingsDangerousProfile,
  settingsHooks,
  settingsMcpAutoApprove,
  settingsPermissionWidening,
  settingsPluginMarketplace,
  settingsSandboxEscapeHatch,
  settingsUnrestrictedTools,
] as Rule[];
