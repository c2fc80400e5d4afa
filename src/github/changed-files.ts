/**
 * The files a pull request changes, from `pulls.listFiles` (every page). The API lists at most
 * 3,000 files; past that the list is marked truncated so the caller can fall back to git or to a
 * full scan. A renamed file counts under both names.
 */
import type { GitHubClient } from './client.js';

export const LIST_FILES_CEILING = 3000;

export interface ChangedFiles {
  files: string[];
  /** The API stopped at its ceiling (or listed fewer than the pull request says it changes). */
  truncated: boolean;
}

export async function listChangedFiles(
  octokit: GitHubClient,
  pull: { owner: string; repo: string; pullNumber: number; changedFiles?: number },
): Promise<ChangedFiles> {
  const entries = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100,
  });
  const files = new Set<string>();
  for (const entry of entries) {
    files.add(entry.filename);
    if (entry.previous_filename) files.add(entry.previous_filename);
  }
  const truncated =
    entries.length >= LIST_FILES_CEILING || (pull.changedFiles !== undefined && entries.length < pull.changedFiles);
  return { files: [...files].sort(), truncated };
}
