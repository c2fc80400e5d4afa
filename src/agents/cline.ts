/** Cline: the `cline` CLI and the VS Code extension. */
import { firstPositional, flagSet, hasFlag } from './args.js';
import type { AgentDefinition } from './types.js';
import type { FlagReader } from './flags.js';
import { OUTSIDE_REFERENCE, mcpServersFile } from './mcp-files.js';

const readFlags: FlagReader = (r) => {
  for (const f of r.flags('-y', '--yolo')) r.bypass(f.word, `\`${f.name}\` approves every Cline action`);
};

export default {
  id: 'cline',
  title: 'Cline',
  flagReader: readFlags,
  mcpFiles: [mcpServersFile((_, b) => b === 'cline_mcp_settings.json', OUTSIDE_REFERENCE)],
  programs: [
    {
      name: 'cline',
      args: { valued: flagSet('-m', '--mode', '-o', '--output-format', '--model', '--cwd') },
      runsTask: (a) =>
        hasFlag(a, '-y', '--yolo') ||
        (a.positionals.length > 0 && !/^(auth|version|config|instance|task|mcp|help)$/.test(firstPositional(a))),
    },
  ],
  packages: { cline: 'cline' },
  wrapperName: /\bcline\b/,
  features: ['cline'],
  extensions: ['saoudrizwan.claude-dev'],
  installs: /\b(?:npm|pnpm|yarn|bun)\s[^\n;&|]{0,200}\bcline\b/,
} satisfies AgentDefinition;
