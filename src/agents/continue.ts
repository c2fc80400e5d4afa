/** Continue: the `cn` CLI and the VS Code extension. */
import { flagSet, hasFlag } from './args.js';
import { headlessDefaults } from './defaults.js';
import type { AgentDefinition } from './types.js';
import type { FlagReader } from './flags.js';
import { mcpServersFile } from './mcp-files.js';
import { CONTINUE_SETTINGS_FILES } from './continue-settings.js';

/** `cn --allow`: `"*"` allows every tool; any other list restricts. */
const readFlags: FlagReader = (r) => {
  const allows = r.flags('--allow');
  const all = allows.find((f) => f.value && /^\*$|^\*\(?\*?\)?$/.test(f.value.text));
  if (all) r.bypass(all.word, '`--allow "*"` lets the Continue CLI run every tool');
  else if (allows.length > 0)
    r.add('approval', {
      value: 'restricted',
      reason: `\`--allow\` lists ${allows.length} tool(s)`,
      source: r.ref(allows[0]!.word),
    });
};

export default {
  id: 'continue',
  title: 'Continue',
  settingsFiles: CONTINUE_SETTINGS_FILES,
  flagReader: readFlags,
  mcpFiles: [
    mcpServersFile(
      (p) => /(?:^|\/)\.continue\/(?:mcpservers\/[^/]+|config)\.(?:ya?ml|json)$/.test(p),
      '`${{ secrets.NAME }}`',
    ),
  ],
  programs: [
    {
      name: 'cn',
      args: { valued: flagSet('-p', '--allow', '--ask', '--exclude', '--config', '--model', '--rule') },
      runsTask: (a) => hasFlag(a, '-p'),
    },
  ],
  packages: { '@continuedev/cli': 'cn' },
  workflowDefaults: headlessDefaults('the Continue CLI'),
  extensions: ['continue.continue'],
} satisfies AgentDefinition;
