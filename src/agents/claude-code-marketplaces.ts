/**
 * Where a Claude Code plugin marketplace comes from, read from how it is written: `owner/repo`, a
 * git or https URL, `git@host:path`, or a path. Settings files (`extraKnownMarketplaces`) and
 * claude-code-action's `plugin_marketplaces` input both name marketplaces this way. Nothing is fetched.
 */

export interface MarketplaceOrigin {
  text: string;
  /** The GitHub owner, or the host, that controls it; null when it cannot be read. */
  owner: string | null;
  /** A path inside the checkout: the repository's own code. */
  local: boolean;
}

/** The owner of a marketplace written as text: `owner/repo`, a URL, or a path (owned by the repository). */
export function originOfText(text: string): MarketplaceOrigin {
  const t = text.trim();
  const github = /^(?:https?:\/\/|git@)?github\.com[/:]([^/]+)\//i.exec(t);
  if (github?.[1]) return { text: t, owner: github[1].toLowerCase(), local: false };
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]+@)?([^/:]+)/i.exec(t) ?? /^git@([^:]+):/.exec(t);
  if (url?.[1]) return { text: t, owner: url[1].toLowerCase(), local: false };
  if (/^\.{0,2}\//.test(t) || t === '.') return { text: t, owner: null, local: t === '.' || t.startsWith('./') };
  const shorthand = /^([A-Za-z0-9][\w.-]*)\/[\w.-]+$/.exec(t);
  return { text: t, owner: shorthand?.[1]?.toLowerCase() ?? null, local: false };
}
