/** Qwen Code: a fork of Gemini CLI, with Gemini's flags and defaults. */
import { geminiCliDefaults, GEMINI_ARGS, runsGeminiTask } from './gemini-cli.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'qwen-code',
  title: 'Qwen Code',
  programs: [{ name: 'qwen', args: GEMINI_ARGS, runsTask: runsGeminiTask }],
  packages: { '@qwen-code/qwen-code': 'qwen' },
  workflowDefaults: (run, runner) => (run.action === null ? geminiCliDefaults(runner) : null),
  features: ['qwen-code', 'qwen-coder'],
  installs: /@qwen-code\/qwen-code\b/,
} satisfies AgentDefinition;
