import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

/** The agent vendors' own plugin catalogues. */
const VENDOR_OWNERS = ['anthropics'];

export default defineRule({
  meta: {
    id: 'settings-plugin-marketplace',
    title: 'An agent installs plugins from a marketplace outside your organisation',
    rationale: `A plugin marketplace is a supply chain: each plugin brings hooks, MCP servers, subagents and skills, and hooks run with the user's rights outside any sandbox. Whoever controls the marketplace's repository or host decides what those are, and can change them at any time without a pull request to this repository. Marketplaces come from committed settings (Claude Code \`extraKnownMarketplaces\`, enabled with \`enabledPlugins\`) and from workflow steps (claude-code-action's \`plugin_marketplaces\`, whose plugins run in the job with its token and secrets).

Take plugins from the vendor's catalogue, from a repository of your own organisation, or from a path inside this repository. List your organisation (its GitHub owner, or the host of a private marketplace) in the \`trustedOwners\` option. A marketplace whose source cannot be read (an expression, a path outside the checkout) is reported too: an unknown source is not a trusted one.`,
    examples: {
      fail: '```json\n{ "extraKnownMarketplaces": { "tools": { "source": { "source": "github", "repo": "someone-else/claude-plugins" } } },\n  "enabledPlugins": { "formatter@tools": true } }\n```\n\n```yaml\n- uses: anthropics/claude-code-action@v1\n  with:\n    plugin_marketplaces: https://github.com/someone-else/claude-plugins.git\n    plugins: formatter@someone-else\n```',
      pass: '```json\n{ "extraKnownMarketplaces": { "team": { "source": { "source": "directory", "path": "./plugins" } } } }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['agent-config', 'workflow-job'],
    securitySeverity: 6.5,
    owasp: ['ASI04'],
    cwe: [829],
  },
  options: z.strictObject({
    trustedOwners: z
      .array(z.string().min(1))
      .default([])
      .describe('GitHub owners (organisations or users) and hosts whose marketplaces are trusted, beside the vendors.'),
  }),
  check(deployment, context) {
    const inJob = deployment.kind === 'workflow-job';
    const marketplaces = deployment.details.marketplaces ?? [];
    const trusted = new Set([...VENDOR_OWNERS, ...context.options.trustedOwners.map((o) => o.toLowerCase())]);
    for (const marketplace of marketplaces) {
      if (marketplace.local || (marketplace.owner !== null && trusted.has(marketplace.owner))) continue;
      const origin = redactSecrets(marketplace.origin);
      const plugins =
        marketplace.enabled.length > 0
          ? `, and the settings enable ${marketplace.enabled.map((p) => `\`${p}\``).join(', ')} from it`
          : '';
      const whose =
        marketplace.owner === null
          ? 'whose source cannot be read'
          : `controlled by \`${marketplace.owner}\`, not by a trusted owner`;
      const where = inJob
        ? 'run in this job, with its token and secrets'
        : 'run wherever the agent opens this repository';
      context.report({
        message: `Plugin marketplace \`${marketplace.name}\` comes from \`${origin}\`, ${whose}${plugins}; its plugins' hooks and MCP servers ${where}.`,
        at: marketplace.source,
      });
    }
  },
});
