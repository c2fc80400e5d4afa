/**
 * Qwen Code: a fork of Gemini CLI, with Gemini's flags, settings shape and defaults, plus its own
 * permission modes (`--permission-mode default|accept_edits|auto|dont_ask|bypass_permissions`) and
 * `--dangerously-skip-permissions`; its sandbox switch is QWEN_SANDBOX. Its docs: "Permission modes
 * are not an operating-system sandbox."
 */
import { geminiCliDefaults, GEMINI_ARGS, runsGeminiTask } from './gemini-cli.js';
import type { AgentDefinition, ArgSpec } from './types.js';
import { geminiFlagReader } from './gemini-cli-flags.js';
import { GEMINI_MCP_TIMEOUT, geminiSettingsFile } from './gemini-cli-mcp.js';
import { QWEN_BYPASS, QWEN_SETTINGS_FILES } from './qwen-code-settings.js';

const SKIP = '--dangerously-skip-permissions';
const FULL = 'with `{flag}` and no sandbox Qwen Code writes wherever the runner user can';

const QWEN_ARGS: ArgSpec = {
  ...GEMINI_ARGS,
  valued: new Set([...GEMINI_ARGS.valued, '--permission-mode', '--openai-api-key', '--openai-base-url']),
};

export default {
  id: 'qwen-code',
  title: 'Qwen Code',
  flagReader: geminiFlagReader('Qwen Code', 'QWEN_SANDBOX'),
  mcpFiles: [geminiSettingsFile((p) => p.endsWith('.qwen/settings.json'))],
  mcpCallTimeout: GEMINI_MCP_TIMEOUT,
  settingsFiles: QWEN_SETTINGS_FILES,
  programs: [
    {
      name: 'qwen',
      args: QWEN_ARGS,
      runsTask: (a) => runsGeminiTask(a) || a.flags.some((f) => f.name === SKIP || f.name === '--permission-mode'),
    },
  ],
  packages: { '@qwen-code/qwen-code': 'qwen' },
  flagFacts: [
    {
      flags: [SKIP],
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` lets Qwen Code run every tool without asking',
    },
    {
      flags: ['--permission-mode'],
      values: QWEN_BYPASS,
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` lets Qwen Code run every tool without asking',
    },
    {
      flags: [SKIP],
      fact: 'filesystem',
      value: 'full',
      reason: FULL,
    },
    {
      flags: ['--permission-mode'],
      values: QWEN_BYPASS,
      fact: 'filesystem',
      value: 'full',
      reason: FULL,
    },
  ],
  bypassSwitches: [SKIP, '--permission-mode=bypass_permissions', '--permission-mode bypass_permissions'],
  workflowDefaults: (run, runner) =>
    run.action === null ? geminiCliDefaults(runner, 'Qwen Code', 'QWEN_SANDBOX') : null,
  features: ['qwen-code', 'qwen-coder'],
  installs: /@qwen-code\/qwen-code\b/,
  invocations: /\bqwen\s+(?:-p\b|--prompt\b|--yolo\b|-y\b|--dangerously-skip-permissions\b)/,
  env: ['QWEN_SANDBOX'],
  configDir: /(^|\/)\.qwen(\/|$)/,
} satisfies AgentDefinition;
