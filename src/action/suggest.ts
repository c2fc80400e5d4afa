/**
 * Suggested changes on the pull request: the safe fixes whose edits lie on lines the pull request
 * added, posted as one review with ```suggestion blocks so a reviewer commits each with one click.
 * Re-runs edit or delete the suggestion comments posted before instead of adding more.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addedLines, planSuggestions, suggestionKey } from '../fix/suggestions.js';
import { listPatches, syncSuggestionReview } from '../github/suggestion-review.js';
import type { ApiPublication } from './publish-api.js';

/** `suggestions:` left empty means on for `pull_request` events only (their checkout is the change). */
export function suggestionsWanted(p: Pick<ApiPublication, 'inputs' | 'run'>): boolean {
  const setting = p.inputs.suggestions;
  if (!p.run.pull) return false;
  return setting === null ? p.run.eventName === 'pull_request' : setting;
}

export async function postSuggestions(p: ApiPublication): Promise<void> {
  const pull = p.run.pull!;
  const base = { owner: p.run.owner, repo: p.run.repo };
  const patches = await listPatches(p.octokit, { ...base, pullNumber: pull.number });
  const changed = new Map([...patches].map(([file, patch]) => [file, addedLines(patch)]));
  const read = (file: string): string | null => {
    const full = path.resolve(p.run.workspace, file);
    if (path.relative(p.run.workspace, full).startsWith('..') || !existsSync(full)) return null;
    return readFileSync(full, 'utf8');
  };
  const plan = planSuggestions(p.report, changed, read);
  const more =
    plan.skipped > 0
      ? ` ${plan.skipped} other fix${plan.skipped === 1 ? '' : 'es'} (outside the changed lines, unsafe or overlapping) are listed in the check run and the job summary; \`agent-sandbox-guard fix\` applies them locally.`
      : '';
  const result = await syncSuggestionReview(p.octokit, {
    ...base,
    pullNumber: pull.number,
    commitId: pull.headSha,
    body: `<!-- agent-sandbox-guard:review -->\n**agent-sandbox-guard** suggests ${plan.drafts.length} fix${plan.drafts.length === 1 ? '' : 'es'} on lines this pull request changed; commit each with one click.${more}`,
    drafts: plan.drafts,
    keyOf: suggestionKey,
  });
  p.log(
    `Suggested fixes: ${result.created} new${result.reviewId ? ` in review ${result.reviewId}` : ''}, ${result.updated} updated, ${result.unchanged} unchanged, ${result.deleted} removed.`,
  );
}
