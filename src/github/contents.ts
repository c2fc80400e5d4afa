/** Reads one file of a repository at a commit through the contents API, as data (never executed). */
import type { GitHubClient } from './client.js';
import { statusOf } from './client.js';

export interface ContentRef {
  owner: string;
  repo: string;
  path: string;
  ref: string;
}

/** The file's text, or null when it does not exist at that ref. Other errors are thrown. */
export async function readContent(octokit: GitHubClient, at: ContentRef): Promise<string | null> {
  try {
    const response = await octokit.rest.repos.getContent({
      owner: at.owner,
      repo: at.repo,
      path: at.path,
      ref: at.ref,
    });
    const data = response.data as { type?: string; content?: string; encoding?: string; download_url?: string | null };
    if (Array.isArray(response.data) || data.type !== 'file') throw new Error(`${at.path} at ${at.ref} is not a file`);
    if (data.encoding === 'base64' && typeof data.content === 'string')
      return Buffer.from(data.content, 'base64').toString('utf8');
    // Files over 1 MB come without content; ask for the raw bytes.
    const raw = await octokit.rest.repos.getContent({
      owner: at.owner,
      repo: at.repo,
      path: at.path,
      ref: at.ref,
      mediaType: { format: 'raw' },
    });
    return String(raw.data);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
