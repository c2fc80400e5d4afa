/**
 * The built-in presets. These strings are the source of truth: ncc bundles imports, not data files,
 * so the action carries the presets as code, and `agent-sandbox-guard docs` writes them out as
 * `policies/<name>.yml` for people to read and copy (`docs --check` fails when those copies drift).
 */

export const SCHEMA_URL =
  'https://raw.githubusercontent.com/agent-sandbox-guard/agent-sandbox-guard/main/docs/policy.schema.json';

const RECOMMENDED = `# agent-sandbox-guard preset: recommended (the default policy).
#
# Blocks the dangerous and warns on the weak: every rule runs at its default severity and only
# errors fail the run. A file that may hold an agent but cannot be judged is a warning. A policy
# without \`extends:\` builds on this preset. Copy this file to .github/agent-sandbox.yml to start
# from it explicitly.
$schema: ${SCHEMA_URL}
extends: []

# Lowest severity that fails the run: error | warning | notice | never.
fail-on: error

rules:
  # Errors: the agent can do whatever the machine it runs on can do.
  sandbox-disabled: error # a setting turns the sandbox off or lets the agent escape it
  approval-bypassed: error # every approval and permission check is off
  sandbox-required: # no sandbox at all
    severity: error
    options:
      minimum: process
  # Warnings: a sandbox exists but leaves a path open.
  egress-restricted: warning
  filesystem-scoped: warning
  credentials-scoped: warning
  limits-required: warning

# Suppressions written in the scanned files (\`# agent-sandbox: ignore[rule-id] reason\`).
suppressions:
  inline: true
  annotations: true
  require-reason: true
  # A pull request's own suppressions and exceptions keep failing until an approver approves it.
  from-pull-request: govern
`;

const STRICT = `# agent-sandbox-guard preset: strict.
#
# Every agent fully sandboxed: isolation at least a container, network none or an allowlist,
# no write credentials unless the agent's tools are restricted, time or resource limits set.
# Warnings fail the run too, and templated files that cannot be judged fail it.
$schema: ${SCHEMA_URL}
extends: recommended

fail-on: warning
templated: fail

rules:
  sandbox-required:
    severity: error
    options:
      minimum: container
  egress-restricted: error
  filesystem-scoped: error
  limits-required: error
  # A fact attested past its expiry is a control nobody re-checked: fail on it.
  attestation-expired: error
  # Write credentials are acceptable when tool approval is restricted: the custom rule below
  # fails the rest, so the generic finding is only a notice here.
  credentials-scoped: notice
  # Fail closed: a file that may hold an agent but cannot be read or judged is an error.
  unparsable-file: error
  not-evaluated: error
  # A value that can weaken the sandbox but is not written in the repository fails too.
  value-not-determinable: error
  # A command in an agent job that runs something from the repository that could not be read.
  run-not-followed: error

custom-rules:
  - id: write-credentials-need-approval
    title: An agent with write credentials may run tools unasked
    message: The agent holds credentials that can write and may run any tool without approval, so a prompt injection can use them
    severity: error
    help: |
      Give the agent read-only credentials (\`permissions: { contents: read }\`,
      \`automountServiceAccountToken: false\`), or restrict its tools to an allowlist
      (\`--allowedTools\`, \`permissions.allow\`, \`tools.core\`) so writes need a human.
    require:
      any:
        - fact: credentials
          not-equals: write
        - fact: approval
          equals: restricted

# In-file suppressions must give a reason and expire within 90 days.
suppressions:
  inline: true
  annotations: true
  require-reason: true
  max-days: 90
  # A pull request's own suppressions and exceptions keep failing until an approver approves it.
  from-pull-request: govern
`;

export const PRESETS = { recommended: RECOMMENDED, strict: STRICT } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS).sort() as PresetName[];

export const isPresetName = (name: string): name is PresetName => Object.hasOwn(PRESETS, name);
