/**
 * `scope: changed`: the files this change touches, so only deployments in them gate the run.
 * Pull requests ask the API (every page); past its 3,000-file ceiling, or without access, the
 * checkout's git history answers; failing both, the whole repository gates, and the run says so.
 */
import { errorMessage } from '../errors.js';
import { listChangedFiles, LIST_FILES_CEILING } from '../github/changed-files.js';
import { isPermissionDenied, type GitHubClient } from '../github/client.js';
import type { RunContext } from './context.js';
import { changedBetween } from '../github/git.js';

export interface ScopeResult {
  /** Undefined: everything gates. */
  files: ReadonlySet<string> | undefined;
  /** How the list was made, or why there is none. */
  note: string;
  /** True when the run wanted changed files and had to judge everything instead. */
  fellBack: boolean;
}

export async function changedScope(context: RunContext, octokit: GitHubClient | null): Promise<ScopeResult> {
  let why = '';
  if (context.pull && octokit) {
    try {
      const listed = await listChangedFiles(octokit, {
        owner: context.owner,
        repo: context.repo,
        pullNumber: context.pull.number,
        ...(context.pull.changedFiles !== undefined ? { changedFiles: context.pull.changedFiles } : {}),
      });
      if (!listed.truncated)
        return {
          files: new Set(listed.files),
          note: `${listed.files.length} files changed by pull request #${context.pull.number}`,
          fellBack: false,
        };
      why = `the pull request changes more files than the API lists (${LIST_FILES_CEILING})`;
    } catch (error) {
      why = isPermissionDenied(error)
        ? 'the token cannot list the pull request files (it needs `pull-requests: read`)'
        : `listing the pull request files failed (${errorMessage(error)})`;
    }
  } else if (context.pull) why = 'there is no token to list the pull request files';

  if (context.baseSha && context.sha) {
    const files = changedBetween(context.workspace, context.baseSha, context.sha);
    if (files)
      return {
        files: new Set(files),
        note: `${files.length} files changed since ${context.baseSha.slice(0, 7)} (git diff${why ? `, because ${why}` : ''})`,
        fellBack: false,
      };
    why = `${why ? `${why}, and ` : ''}the checkout lacks the commits to compare (use \`fetch-depth: 0\` in actions/checkout)`;
  } else if (!context.pull) {
    why = `a ${context.eventName || 'local'} run has no base commit to compare with`;
  }
  return { files: undefined, note: `\`scope: changed\` fell back to the whole repository: ${why}`, fellBack: true };
}
