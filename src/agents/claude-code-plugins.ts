/**
 * Claude Code plugins a settings file brings in: `extraKnownMarketplaces` (and its aliases) names
 * where plugins come from, `enabledPlugins` (`"name@marketplace": true`) turns them on. A plugin
 * carries hooks, MCP servers, subagents and skills, so a marketplace is code the session runs.
 * Nothing is fetched: each source is judged as written.
 */
import {
  get,
  isRecord,
  ref,
  type AgentSettingsDetails,
  type Json,
  type PluginMarketplace,
} from './settings-reading.js';

/** `additionalMarketplaces` is the newer spelling (2.1.232); both add marketplaces to the session. */
const MARKETPLACE_KEYS = ['extraKnownMarketplaces', 'additionalMarketplaces'];

export function collectPlugins(s: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  const enabled = enabledPlugins(s['enabledPlugins']);
  for (const key of MARKETPLACE_KEYS) {
    const table = s[key];
    if (!isRecord(table)) continue;
    for (const [name, entry] of Object.entries(table)) {
      const origin = marketplaceOrigin(get(entry, ['source']));
      if (!origin) continue;
      const marketplace: PluginMarketplace = {
        name,
        origin: origin.text,
        owner: origin.owner,
        local: origin.local,
        enabled: enabled.filter((p) => p.marketplace === name).map((p) => p.plugin),
        source: ref(file, [key, name]),
      };
      details.marketplaces.push(marketplace);
    }
  }
}

function enabledPlugins(value: Json): { plugin: string; marketplace: string }[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([id, on]) => {
    const at = id.lastIndexOf('@');
    return on === true && at > 0 ? [{ plugin: id.slice(0, at), marketplace: id.slice(at + 1) }] : [];
  });
}

interface Origin {
  text: string;
  owner: string | null;
  local: boolean;
}

/** `{source: "github", repo}`, `{source: "git" | "url", url}`, `{source: "npm", package}`, `{source: "file" | "directory", path}`. */
function marketplaceOrigin(source: Json): Origin | null {
  if (typeof source === 'string') return originOfText(source);
  if (!isRecord(source)) return null;
  const kind = source['source'];
  const repo = source['repo'];
  const url = source['url'];
  if (kind === 'github' && typeof repo === 'string')
    return { text: `github:${repo}`, owner: repo.split('/')[0]?.toLowerCase() || null, local: false };
  if (typeof url === 'string') return originOfText(url);
  const pkg = source['package'];
  if (kind === 'npm' && typeof pkg === 'string')
    return { text: `npm:${pkg}`, owner: /^@([^/]+)\//.exec(pkg)?.[1]?.toLowerCase() ?? `npm:${pkg}`, local: false };
  const path = source['path'];
  if ((kind === 'file' || kind === 'directory') && typeof path === 'string') return originOfText(path);
  return { text: JSON.stringify(source), owner: null, local: false };
}

/** The owner of a marketplace written as text: `owner/repo`, a URL, or a path (owned by the repository). */
export function originOfText(text: string): Origin {
  const t = text.trim();
  const github = /^(?:https?:\/\/|git@)?github\.com[/:]([^/]+)\//i.exec(t);
  if (github?.[1]) return { text: t, owner: github[1].toLowerCase(), local: false };
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]+@)?([^/:]+)/i.exec(t) ?? /^git@([^:]+):/.exec(t);
  if (url?.[1]) return { text: t, owner: url[1].toLowerCase(), local: false };
  if (/^\.{0,2}\//.test(t) || t === '.') return { text: t, owner: null, local: t === '.' || t.startsWith('./') };
  const shorthand = /^([A-Za-z0-9][\w.-]*)\/[\w.-]+$/.exec(t);
  return { text: t, owner: shorthand?.[1]?.toLowerCase() ?? null, local: false };
}
