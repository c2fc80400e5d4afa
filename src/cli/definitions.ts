/**
 * Every command and flag of the CLI, in one place: the parser, `COMMAND --help`, the main help and
 * the README's command reference are all made from these definitions, so they cannot disagree.
 */
import { FAIL_ON } from '../policy/schema.js';
import { PRESET_NAMES } from '../policy/presets.js';
import { FORMATS } from '../report/formats.js';
import { TOOL_NAME } from '../version.js';

export interface OptionDef {
  name: string;
  type: 'string' | 'boolean';
  /** The value's placeholder in help (`FILE`, `FORMAT`). */
  value?: string;
  multiple?: boolean;
  description: string;
}

export interface CommandDef {
  name: string;
  /** Positional arguments as shown in help: `[DIR]`, `RULE`. */
  args: string;
  summary: string;
  /** Further lines for `COMMAND --help` and the README. */
  details?: readonly string[];
  options: readonly OptionDef[];
  examples: readonly string[];
  /** Development commands: left out of the user help and the README. */
  hidden?: boolean;
}

export const HELP_OPTION: OptionDef = { name: 'help', type: 'boolean', description: 'Print this help and exit' };

export const COMMAND_DEFS: readonly CommandDef[] = [
  {
    name: 'scan',
    args: '[PATH]',
    summary: 'Find agent deployments and judge their sandboxes',
    details: [
      'PATH is a directory (default .) or one file, which is judged within its repository (the nearest',
      'folder holding .git), so facts other files supply still count.',
    ],
    options: [
      {
        name: 'policy',
        type: 'string',
        value: 'FILE',
        description: 'Policy file (default .github/agent-sandbox.yml, else built-in:recommended)',
      },
      { name: 'format', type: 'string', value: 'FORMAT', description: `${FORMATS.join(' | ')} (default text)` },
      { name: 'output', type: 'string', value: 'FILE', description: 'Write the report to FILE instead of stdout' },
      {
        name: 'fail-on',
        type: 'string',
        value: 'LEVEL',
        description: `${FAIL_ON.join(' | ')} (default from the policy: error)`,
      },
      {
        name: 'repo-name',
        type: 'string',
        value: 'NAME',
        description: 'Stamp the report with the repository it comes from (owner/name), for `inventory`',
      },
      { name: 'commit', type: 'string', value: 'SHA', description: 'Stamp the report with the commit scanned' },
      {
        name: 'today',
        type: 'string',
        value: 'YYYY-MM-DD',
        description: 'Judge expiry dates (suppressions, attestations) as of this day (default: today, UTC)',
      },
      {
        name: 'base',
        type: 'string',
        value: 'REF',
        description:
          "Judge the change since REF as the action judges a pull request: the policy (and its extends) is read from REF, and suppressions or exceptions absent at REF are the change's own",
      },
    ],
    examples: [
      `${TOOL_NAME} scan`,
      `${TOOL_NAME} scan .mcp.json`,
      `${TOOL_NAME} scan . --format sarif --output results.sarif`,
    ],
  },
  {
    name: 'fix',
    args: '[DIR]',
    summary: "Apply the findings' fixes in place (--diff: print them instead)",
    details: [
      'Safe fixes narrow what an agent can do without changing what the workflow is for; --unsafe also',
      'applies fixes that may change behaviour. Bytes outside each edit are kept; overlapping fixes are',
      'applied one per run and the rest reported, so running it again converges.',
    ],
    options: [
      {
        name: 'unsafe',
        type: 'boolean',
        description: 'Also apply fixes that may change behaviour (remove allowlist entries, enable a firewall)',
      },
      { name: 'diff', type: 'boolean', description: 'Print a unified diff and change nothing' },
      {
        name: 'rule',
        type: 'string',
        value: 'ID',
        multiple: true,
        description: 'Only fixes of this rule (repeat, or separate with commas)',
      },
      { name: 'policy', type: 'string', value: 'FILE', description: 'As for scan' },
    ],
    examples: [`${TOOL_NAME} fix --diff`, `${TOOL_NAME} fix . --rule credentials-persisted`],
  },
  {
    name: 'init',
    args: '[DIR]',
    summary: 'Write a starter .github/agent-sandbox.yml tuned to what a scan finds',
    options: [
      {
        name: 'preset',
        type: 'string',
        value: 'NAME',
        description: `${PRESET_NAMES.join(' | ')} (default: chosen by the scan)`,
      },
      { name: 'force', type: 'boolean', description: 'Replace an existing policy file' },
      { name: 'stdout', type: 'boolean', description: 'Print the policy instead of writing it' },
    ],
    examples: [`${TOOL_NAME} init`, `${TOOL_NAME} init --stdout --preset strict`],
  },
  {
    name: 'explain',
    args: '[RULE]',
    summary: "Print a rule's rationale, examples and options",
    details: ['Custom rules are looked up in the policy.'],
    options: [
      { name: 'list', type: 'boolean', description: 'List every rule with its default severity and title' },
      {
        name: 'policy',
        type: 'string',
        value: 'FILE',
        description: 'Policy holding custom rules (default .github/agent-sandbox.yml)',
      },
    ],
    examples: [`${TOOL_NAME} explain --list`, `${TOOL_NAME} explain sandbox-required`],
  },
  {
    name: 'test',
    args: 'POLICY FIXTURES',
    summary: "Run a policy's custom rules against fixture repositories with expectations",
    details: [
      'Each folder under FIXTURES is a case. `# expect: rule-id` comments, or FIXTURES/<case>.expected.json,',
      'state the findings each case must produce.',
    ],
    options: [
      {
        name: 'rule',
        type: 'string',
        value: 'ID',
        multiple: true,
        description: 'Test this rule (repeatable; default: the custom rules)',
      },
      { name: 'today', type: 'string', value: 'YYYY-MM-DD', description: 'Date for suppression expiry' },
    ],
    examples: [`${TOOL_NAME} test .github/agent-sandbox.yml tests/policy-cases`],
  },
  {
    name: 'inventory',
    args: 'REPORT...',
    summary: 'Merge JSON reports (files or folders) of many repositories into one organisation inventory',
    details: [
      'Each report comes from `scan --format json --repo-name NAME --commit SHA`; reports are read one at a',
      'time, so memory stays bounded with thousands of them.',
    ],
    options: [
      {
        name: 'format',
        type: 'string',
        value: 'FORMAT',
        description: 'markdown | csv | json | cyclonedx (default markdown)',
      },
      {
        name: 'previous',
        type: 'string',
        value: 'FILE',
        description: 'A previous `inventory --format json` output: add what changed since',
      },
      { name: 'output', type: 'string', value: 'FILE', description: 'Write the inventory to FILE instead of stdout' },
      { name: 'name', type: 'string', value: 'NAME', description: "The organisation's name in the CycloneDX BOM" },
      {
        name: 'max-bytes',
        type: 'string',
        value: 'N',
        description: 'Cut the Markdown deployment table to fit N bytes (job summaries hold 1 MiB)',
      },
    ],
    examples: [
      `${TOOL_NAME} inventory reports/ --previous previous/agents.json`,
      `${TOOL_NAME} inventory reports/ --format cyclonedx --output fleet.cdx.json`,
    ],
  },
  {
    name: 'paths',
    args: '',
    summary: 'Print sparse-checkout patterns covering every file the scanner reads',
    options: [{ name: 'format', type: 'string', value: 'FORMAT', description: 'lines | json (default lines)' }],
    examples: [`${TOOL_NAME} paths > patterns && git sparse-checkout set --no-cone --stdin < patterns`],
  },
  {
    name: 'docs',
    args: '[DIR]',
    summary: "Regenerate (or check) this project's generated docs; development only",
    details: ["Writes only into agent-sandbox-guard's own source tree."],
    options: [{ name: 'check', type: 'boolean', description: 'Write nothing; exit 1 when a generated file is stale' }],
    examples: [`${TOOL_NAME} docs --check`],
    hidden: true,
  },
];

export function commandDef(name: string): CommandDef | undefined {
  return COMMAND_DEFS.find((c) => c.name === name);
}

const optionLabel = (o: OptionDef): string => `--${o.name}${o.value ? ` ${o.value}` : ''}`;

function optionLines(options: readonly OptionDef[]): string[] {
  const width = Math.max(...options.map((o) => optionLabel(o).length)) + 2;
  return options.map((o) => `  ${optionLabel(o).padEnd(width)}${o.description}`);
}

/** `COMMAND --help`. */
export function commandHelp(def: CommandDef): string {
  const lines = [`Usage: ${TOOL_NAME} ${def.name}${def.args ? ` ${def.args}` : ''} [options]`, '', `${def.summary}.`];
  if (def.details) lines.push(...def.details);
  lines.push('', 'Options:', ...optionLines([...def.options, HELP_OPTION]), '', 'Examples:');
  lines.push(...def.examples.map((e) => `  ${e}`), '');
  return `${lines.join('\n')}\n`;
}

/** The main help: the user commands (not `docs`), global flags and exit codes. */
export function mainHelp(): string {
  const visible = COMMAND_DEFS.filter((c) => !c.hidden);
  const label = (c: CommandDef): string => `${c.name}${c.args ? ` ${c.args}` : ''}`;
  const width = Math.max(...visible.map((c) => label(c).length)) + 2;
  return `Usage: ${TOOL_NAME} <command> [options]

Commands:
${visible.map((c) => `  ${label(c).padEnd(width)}${c.summary}`).join('\n')}

Run \`${TOOL_NAME} COMMAND --help\` for a command's options.

  --help, -h         Print this help
  --version, -v      Print the version

Exit codes: ${EXIT_CODES.map((e) => `${e.code} ${e.meaning}`).join(', ')}.
`;
}

export const EXIT_CODES = [
  { code: 0, meaning: 'no failing findings' },
  { code: 1, meaning: 'failing findings' },
  { code: 2, meaning: 'usage, input or policy error' },
  { code: 3, meaning: 'internal error (a bug: please report it)' },
] as const;

/** The README's command reference, in Markdown. */
export function cliReferenceMarkdown(): string {
  const out: string[] = [];
  for (const def of COMMAND_DEFS.filter((c) => !c.hidden)) {
    out.push(`### \`${TOOL_NAME} ${def.name}${def.args ? ` ${def.args}` : ''}\``, '', `${def.summary}.`);
    if (def.details) out.push(def.details.join(' '));
    out.push('', '| Option | Meaning |', '| --- | --- |');
    for (const o of def.options) out.push(`| \`${optionLabel(o)}\` | ${o.description.replace(/\|/g, '\\|')} |`);
    out.push('', '```sh', ...def.examples, '```', '');
  }
  out.push('Exit codes:', '', ...EXIT_CODES.map((e) => `- \`${e.code}\`: ${e.meaning}`));
  return `${out.join('\n')}\n`;
}
