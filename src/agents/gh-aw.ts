/** GitHub Agentic Workflows (gh-aw): compiled workflows and their `awf` firewall, read by the workflows adapter. */
import type { AgentDefinition, ScriptInstaller } from './types.js';
import { GH_AW_SETTINGS_FILES } from './gh-aw-settings.js';

/**
 * A compiled workflow's jobs start with gh-aw's setup action, which copies gh-aw's own scripts
 * (`validate_multi_secret.sh`, `create_gh_aw_tmp_dir.sh`, the engines' `*_harness.cjs`, …) from the
 * action into `destination`; later steps run them from there (`bash "${RUNNER_TEMP}/gh-aw/actions/x.sh"`,
 * `bash /opt/gh-aw/actions/x.sh`). Its action.yml defaults `destination` to `/opt/gh-aw/actions`;
 * `github/gh-aw-actions` is the same action published from its own repository, and `githubnext/gh-aw`
 * the repository's name before it moved to `github` (GitHub redirects the old name; older lock files
 * still use it). A fork's copy (`someone/gh-aw/actions/setup`) is that fork's code, not listed.
 */
const SETUP_ACTIONS: readonly ScriptInstaller[] = [
  { action: 'github/gh-aw/actions/setup', input: 'destination', default: '/opt/gh-aw/actions' },
  { action: 'githubnext/gh-aw/actions/setup', input: 'destination', default: '/opt/gh-aw/actions' },
  { action: 'github/gh-aw-actions/setup', input: 'destination', default: '/opt/gh-aw/actions' },
];

export default {
  id: 'gh-aw',
  title: 'GitHub Agentic Workflows',
  settingsFiles: GH_AW_SETTINGS_FILES,
  scriptInstallers: SETUP_ACTIONS,
} satisfies AgentDefinition;

/**
 * `gh aw compile` turns `.github/workflows/<name>.md` into `<name>.lock.yml` beside it: the source
 * a compiled workflow file came from, or null for a file that is not a compiled lock file.
 */
export const compiledSourceOf = (file: string): string | null =>
  /\.lock\.ya?ml$/i.test(file) ? file.replace(/\.lock\.ya?ml$/i, '.md') : null;
