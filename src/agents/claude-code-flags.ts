/** Claude Code's command-line flags and environment, as sandbox evidence (see flags.ts for the contract). */
import { CLAUDE_LIMIT_ENV } from './claude-code-actions.js';
import { CLAUDE_TOOLS } from './claude-code-tools.js';
import type { FlagReader } from './flags.js';

export const readClaudeFlags: FlagReader = (r) => {
  for (const f of r.flags('--dangerously-skip-permissions'))
    r.bypass(f.word, `\`--dangerously-skip-permissions\` in ${r.label(f.word)} turns every permission check off`);
  for (const f of r.flags('--permission-mode')) {
    // A mode known only when the job runs may be `bypassPermissions`: not judged, never taken as safe.
    if (f.value && r.unknownValue(`the value of \`--permission-mode\` in ${r.label(f.word)}`, f.value)) continue;
    if (f.value?.text === 'bypassPermissions')
      r.bypass(
        f.word,
        `\`--permission-mode bypassPermissions\` in ${r.label(f.word)} turns every permission check off`,
        f.value,
      );
  }
  const allowed = ['--allowedTools', '--allowed-tools'];
  r.allowlist(allowed, CLAUDE_TOOLS, r.label(r.flags(...allowed)[0]?.word));
  // Tools removed (`--disallowedTools Bash,WebFetch,WebSearch`) or the only ones given (`--tools Read,Grep`).
  r.denylist(['--disallowedTools', '--disallowed-tools'], CLAUDE_TOOLS, 'deny');
  r.denylist(['--tools'], CLAUDE_TOOLS, 'allow');
  // Inline JSON or a file: one the repository holds is judged as the job's settings; one known only
  // at run time, or outside the checkout (written by an earlier step), cannot be judged.
  for (const f of r.flags('--settings')) {
    if (!f.value || r.settings(f.value, `\`--settings\` in ${r.label(f.word)}`)) continue;
    const place = r.place(f.value);
    if (place.kind === 'repository') r.note(`\`--settings ${f.value.text}\` names a file that was not found`);
    else
      r.undetermined(
        `the Claude Code settings \`--settings\` loads (${place.kind === 'outside' ? 'outside the repository' : 'known only when the job runs'})`,
        f.value,
        place.kind === 'outside' && !r.unknown(f.value) ? [f.value.text] : undefined,
      );
  }
  const sources = r.flags('--setting-sources')[0]?.value?.text;
  if (sources !== undefined)
    r.loads(
      'claude-code',
      sources.split(',').map((s) => s.trim()),
    );
  // `CLAUDE_CODE_MAX_TURNS=30` in the command's environment bounds the session as `--max-turns` does.
  for (const [name, reason] of Object.entries(CLAUDE_LIMIT_ENV)) {
    const set = r.env(name);
    if (set && /^\s*[1-9]\d*\s*$/.test(set.value))
      r.add('limits', { value: 'bounded', reason: reason.replace('{value}', set.value.trim()), source: set.source });
  }
  const scrub = r.env('CLAUDE_CODE_SUBPROCESS_ENV_SCRUB');
  if (scrub) r.note(`CLAUDE_CODE_SUBPROCESS_ENV_SCRUB is ${scrub.value}`);
};
