/** What each agent does when the workflow declares nothing: the tool's documented defaults. */
import type { Approval, Filesystem, Isolation, Network } from '../../model.js';
import type { AgentRun, Candidate } from './types.js';

export interface Defaults {
  isolation: Candidate<Isolation>;
  network: Candidate<Network>;
  filesystem: Candidate<Filesystem>;
  approval: Candidate<Approval>;
}

const c = <T extends string>(value: T, reason: string): Candidate<T> => ({ value, reason, source: null });

const OPEN = c<Network>('open', 'nothing restricts egress from the runner');
const unsandboxed = (what: string, runner: string): Candidate<Isolation> =>
  c('none', `${what}, so its tools run directly on ${runner}, beside the job's token and secrets`);

const PRINT_MODE = 'in print mode Claude Code refuses every tool that needs approval unless it is allowed';
const GEMINI_HEADLESS = 'in headless mode Gemini CLI refuses tools that need confirmation unless run with --yolo';

/** Defaults for a run; `runner` names where an unsandboxed agent runs ("the runner", "a self-hosted runner"). */
export function defaultsFor(run: AgentRun, runner: string): Defaults {
  switch (run.action ?? run.agent) {
    case 'anthropics/claude-code-action':
      return {
        isolation: unsandboxed("Claude Code's sandbox is not enabled", runner),
        network: OPEN,
        filesystem: c(
          'workspace',
          'claude-code-action accepts edits only inside the workspace and allows no general shell by default',
        ),
        approval: c(
          'restricted',
          'claude-code-action allows only read tools, workspace edits and a few git commands unless `claude_args` grants more',
        ),
      };
    case 'anthropics/claude-code-action/base-action':
    case 'anthropics/claude-code-base-action':
    case 'anthropics/claude-code-security-review':
    case 'claude-code':
      return {
        isolation: unsandboxed("Claude Code's sandbox is not enabled", runner),
        network: OPEN,
        filesystem: c('read-only', `${PRINT_MODE}, edits included`),
        approval: c('restricted', PRINT_MODE),
      };
    case 'openai/codex-action':
      return {
        isolation: c('process', "codex-action runs Codex's commands in its workspace-write sandbox by default"),
        network: {
          ...c<Network>('none', "Codex's workspace-write sandbox blocks network access by default"),
          boundary: true,
        },
        filesystem: {
          ...c<Filesystem>('workspace', "Codex's workspace-write sandbox limits writes to the workspace"),
          boundary: true,
        },
        approval: c('unrestricted', 'Codex runs every command it decides on without asking, inside its sandbox'),
      };
    case 'codex':
    case 'openai/codex/.github/actions/codex':
      return {
        isolation: c('process', "codex exec runs commands in Codex's read-only sandbox by default"),
        network: { ...c<Network>('none', "Codex's sandbox blocks network access by default"), boundary: true },
        filesystem: {
          ...c<Filesystem>('read-only', "Codex's default read-only sandbox blocks writes"),
          boundary: true,
        },
        approval: c('unrestricted', 'Codex runs every command it decides on without asking, inside its sandbox'),
      };
    case 'google-github-actions/run-gemini-cli':
    case 'google-gemini/gemini-cli-action':
      return {
        isolation: unsandboxed(
          "Gemini CLI's sandbox is off unless `tools.sandbox` in `settings` or GEMINI_SANDBOX enables it",
          runner,
        ),
        network: OPEN,
        filesystem: c('full', 'with --yolo and no sandbox its tools write wherever the runner user can'),
        approval: c('bypassed', 'the action always runs `gemini --yolo`'),
      };
    case 'gemini-cli':
    case 'qwen-code':
      return {
        isolation: unsandboxed(
          "Gemini CLI's sandbox is off unless --sandbox, GEMINI_SANDBOX or `tools.sandbox` enables it",
          runner,
        ),
        network: OPEN,
        filesystem: c('read-only', `${GEMINI_HEADLESS}, edits included`),
        approval: c('restricted', GEMINI_HEADLESS),
      };
    case 'aider':
      return {
        isolation: unsandboxed('aider has no sandbox', runner),
        network: OPEN,
        filesystem: c('workspace', 'aider edits files in the repository and runs shell commands only when confirmed'),
        approval: c('unrestricted', 'aider applies its edits without asking and has no tool allowlist'),
      };
    case 'copilot':
      if (run.via === 'action' || run.signal.startsWith('job copilot-setup-steps')) {
        return {
          isolation: unsandboxed('the Copilot coding agent has no sandbox of its own', runner),
          // The firewall can be switched off or opened in settings no file shows: unknown is not an allowlist.
          network: {
            ...c<Network>(
              'open',
              "the Copilot coding agent's firewall and its allowlist are set in repository settings, which no file shows, so egress counts as open until the policy attests the firewall",
            ),
            outside: 'the Copilot coding agent firewall (repository settings → Copilot → Coding agent)',
          },
          filesystem: c('full', 'the Copilot coding agent runs shell commands on the runner'),
          approval: c('unrestricted', 'the Copilot coding agent runs its tools without asking'),
        };
      }
      return {
        isolation: unsandboxed('Copilot CLI has no sandbox', runner),
        network: OPEN,
        filesystem: c('read-only', 'in prompt mode Copilot CLI denies tools that are not allowed, edits included'),
        approval: c('restricted', 'in prompt mode Copilot CLI denies tools that are not allowed'),
      };
    case 'continue':
    case 'cursor':
      return {
        isolation: unsandboxed(
          `${run.agent === 'cursor' ? 'cursor-agent' : 'the Continue CLI'} has no sandbox`,
          runner,
        ),
        network: OPEN,
        filesystem: c('workspace', 'in headless mode it edits files in the workspace only'),
        approval: c('restricted', 'in headless mode it skips tools that would ask for approval'),
      };
    case 'goose':
      return {
        isolation: unsandboxed('goose has no sandbox', runner),
        network: OPEN,
        filesystem: c('full', 'nothing narrows where its tools can write'),
        approval: c('bypassed', "goose's default autonomous mode (GOOSE_MODE=auto) runs every tool without asking"),
      };
    case 'openhands':
      return {
        isolation: c('container', "OpenHands runs the agent's actions in its Docker runtime by default"),
        network: OPEN,
        filesystem: {
          ...c<Filesystem>('workspace', "OpenHands' runtime container mounts only the workspace"),
          boundary: true,
        },
        approval: c('unrestricted', 'OpenHands acts without confirmation in headless runs'),
      };
    default:
      return {
        isolation: unsandboxed(`nothing sandboxes ${run.agent === 'unknown' ? 'the agent' : run.agent}`, runner),
        network: OPEN,
        filesystem: c('full', 'nothing narrows where its tools can write'),
        approval: c('unrestricted', 'nothing restricts which tools it runs'),
      };
  }
}
