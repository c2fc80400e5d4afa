/**
 * The layered agent detector for container workloads (Kubernetes pods, Compose services).
 *
 * Strong signals make a workload an agent on their own: agent CRDs, known agent images, commands that
 * run an agent CLI, agent-only environment variables, an explicit opt-in label. Medium signals (LLM
 * credentials, agent config mounts, agent platforms) count only with a second kind of medium signal or
 * with a code-execution capability (Docker socket, workspace mount, interactive shell, privileged).
 * A web service that only calls an LLM API is therefore not an agent.
 */
import {
  agentImages,
  agentOfCommand,
  agentOfConfigDir,
  agentOfEnv,
  agentOfSandboxTemplate,
  imageNameTokens,
} from '../agents/index.js';
import type { AgentId, SourceRef } from '../model.js';
import type { AdapterSettings } from '../model.js';
import { globMatches } from '../util/glob.js';
import { basename } from './commands.js';

export type SignalStrength = 'strong' | 'medium' | 'capability';

export interface Signal {
  strength: SignalStrength;
  /** Medium signals of one category (several LLM keys) count once. */
  category: string;
  /** Why, for the deployment's `signals` list ("image `ghcr.io/block/goose` is Goose"). */
  text: string;
  agent?: AgentId;
  ref?: SourceRef;
}

/** Our own opt-in/opt-out label or annotation: `agent-sandbox-guard/agent: "true" | "false"`. */
export const OPT_IN_LABEL = 'agent-sandbox-guard/agent';

/** `*` matches any run of characters (including `/`), `?` one character; case-insensitive; linear time. */
export function globMatch(glob: string, value: string): boolean {
  return globMatches(glob, value, { caseless: true, classes: false });
}
/** Globs come from the built-ins and the policy, a few dozen at most: compile each once, not per test. */

const matchesAny = (globs: readonly string[], value: string): boolean => globs.some((g) => globMatch(g, value));

/** `registry/path/name:tag@digest` → `registry/path/name`, lower-cased, Docker Hub prefixes dropped. */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  return ref.replace(/^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)/, '').replace(/^library\//, '');
}

const imageTag = (image: string): string => {
  const withoutDigest = image.split('@')[0]!;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1).toLowerCase() : '';
};

/** Workflow platforms that host agents and tools: medium. */
const PLATFORM_IMAGES = [
  'n8nio/n8n',
  'docker.n8n.io/n8nio/n8n',
  'flowiseai/flowise',
  'langflowai/langflow',
  'langgenius/dify-*',
  'ghcr.io/open-webui/open-webui',
  'letta/letta',
];

/** Model servers: AI, but they serve a model and run no tools. Never agents by image. */
const MODEL_SERVER_IMAGES = [
  'ollama/ollama',
  'vllm/*',
  'ghcr.io/huggingface/text-generation-inference',
  'ghcr.io/ggerganov/llama.cpp',
  'ghcr.io/ggml-org/llama.cpp',
  'localai/localai',
  'nvcr.io/nim/*',
];

export type ImageVerdict = { kind: 'ignored'; text: string } | { kind: 'signal'; signal: Signal } | null;

export function imageSignal(image: string, ref: SourceRef, settings: AdapterSettings): ImageVerdict {
  const repo = imageRepository(image);
  if (!repo) return null;
  if (matchesAny(settings['ignore-images'], image) || matchesAny(settings['ignore-images'], repo))
    return { kind: 'ignored', text: `image \`${image}\` is ignored by the policy` };
  if (matchesAny(settings['agent-images'], image) || matchesAny(settings['agent-images'], repo)) {
    return {
      kind: 'signal',
      signal: {
        strength: 'strong',
        category: 'image',
        text: `image \`${image}\` is listed in the policy's agent images`,
        agent: 'unknown',
        ref,
      },
    };
  }
  if (repo === 'docker/sandbox-templates') {
    const agent = agentOfSandboxTemplate(imageTag(image));
    return {
      kind: 'signal',
      signal: {
        strength: 'strong',
        category: 'image',
        text: `image \`${image}\` is a Docker Sandboxes agent template`,
        agent,
        ref,
      },
    };
  }
  if (MODEL_SERVER_IMAGES.some((g) => globMatch(g, repo)))
    return { kind: 'ignored', text: `image \`${image}\` serves a model and runs no agent` };
  const known = agentImages().find((k) => globMatch(k.glob, repo));
  if (known)
    return {
      kind: 'signal',
      signal: {
        strength: 'strong',
        category: 'image',
        text: `image \`${image}\` is ${known.what}`,
        agent: known.agent,
        ref,
      },
    };
  const name = basename(repo);
  const token = imageNameTokens().find((t) => t.token.test(name));
  if (token) {
    const agent = token.agent;
    return {
      kind: 'signal',
      signal: {
        strength: 'strong',
        category: 'image',
        text: `image \`${image}\` is named after ${token.what}`,
        agent,
        ref,
      },
    };
  }
  const segment = pathSegmentToken(repo);
  if (segment)
    return {
      kind: 'signal',
      signal: {
        strength: 'medium',
        category: 'name',
        text: `image \`${image}\` is published under \`${segment.segment}\`, named after ${segment.what}`,
        agent: segment.agent,
        ref,
      },
    };
  if (PLATFORM_IMAGES.some((g) => globMatch(g, repo))) {
    return {
      kind: 'signal',
      signal: {
        strength: 'medium',
        category: 'platform',
        text: `image \`${image}\` is an agent workflow platform`,
        ref,
      },
    };
  }
  return null;
}

/** A registry path segment other than the last (`ghcr.io/acme/claude-code/runner`) that names an agent. */
function pathSegmentToken(repo: string): { segment: string; what: string; agent: AgentId } | null {
  const segments = repo.split('/').slice(0, -1);
  // A first segment with a dot or a port (or `localhost`) is the registry host, not a name.
  if (segments.length > 0 && /[.:]|^localhost$/.test(segments[0]!)) segments.shift();
  for (const segment of segments) {
    const token = imageNameTokens().find((t) => t.token.test(segment));
    if (token) return { segment, what: token.what, agent: token.agent };
  }
  return null;
}

/**
 * A name the workload gives itself or a part of it (object, container, service, host, volume or
 * service-account name; an `app`/`app.kubernetes.io/name` label) that names an agent: medium, so it
 * counts only beside an LLM credential, an agent config mount or a code-execution capability. The
 * same words as agent image names (`claude-code`, `codex`, `openhands`), never bare `agent`, so
 * observability agents (`datadog-agent`, `otel-agent`) and model servers (`vllm`, `ollama`) do not match.
 */
export function nameSignal(name: string, where: string, ref: SourceRef | undefined): Signal | null {
  const text = name.trim().toLowerCase();
  if (!text || text.length > 253) return null;
  const token = imageNameTokens().find((t) => t.token.test(text));
  if (!token) return null;
  return {
    strength: 'medium',
    category: 'name',
    text: `${where} \`${name}\` is named after ${token.what}`,
    agent: token.agent,
    ...(ref ? { ref } : {}),
  };
}

/** Label and annotation keys whose value names the application (Kubernetes recommended labels, Compose's own). */
export const NAME_LABELS: ReadonlySet<string> = new Set([
  'app',
  'name',
  'component',
  'app.kubernetes.io/name',
  'app.kubernetes.io/component',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/part-of',
  'com.docker.compose.service',
  'org.opencontainers.image.title',
]);

/** Name signals from the workload's labels and annotations (`app.kubernetes.io/name: claude-code`). */
export function labelNameSignals(labels: ReadonlyMap<string, { value: string; ref: SourceRef }>): Signal[] {
  const out: Signal[] = [];
  for (const [key, { value, ref }] of labels) {
    if (!NAME_LABELS.has(key.toLowerCase())) continue;
    const signal = nameSignal(value, `label \`${key}\``, ref);
    if (signal) out.push(signal);
  }
  return out;
}

export function commandSignal(program: string, ref: SourceRef, settings: AdapterSettings): Signal | null {
  const name = program.startsWith('@') ? program : basename(program);
  const agent = agentOfCommand(name);
  if (agent)
    return {
      strength: 'strong',
      category: 'command',
      text: `the command runs \`${name}\``,
      agent,
      ref: { ...ref, text: program },
    };
  if (matchesAny(settings['agent-commands'], name))
    return {
      strength: 'strong',
      category: 'command',
      text: `the command runs \`${name}\`, listed in the policy's agent commands`,
      agent: 'unknown',
      ref: { ...ref, text: program },
    };
  return null;
}

/** LLM provider credentials and endpoints: medium (a chatbot has them too). */
const LLM_ENV = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_API_BASE',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_ENDPOINT',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_GENAI_API_KEY',
  'MISTRAL_API_KEY',
  'GROQ_API_KEY',
  'OPENROUTER_API_KEY',
  'DEEPSEEK_API_KEY',
  'XAI_API_KEY',
  'COHERE_API_KEY',
  'TOGETHER_API_KEY',
  'FIREWORKS_API_KEY',
  'PERPLEXITY_API_KEY',
  'MOONSHOT_API_KEY',
  'DASHSCOPE_API_KEY',
  'LLM_API_KEY',
  'LLM_BASE_URL',
  'LITELLM_API_KEY',
  'OLLAMA_HOST',
  'OLLAMA_BASE_URL',
];

/** `openai-api-key` (a Secret key) and `OPENAI_API_KEY` are the same name. */
export const envName = (name: string): string => name.trim().toUpperCase().replace(/[-.]/g, '_');

export function envSignal(rawName: string, ref: SourceRef, settings: AdapterSettings, via = 'env'): Signal | null {
  const name = envName(rawName);
  const agent = agentOfEnv(name);
  if (agent)
    return {
      strength: 'strong',
      category: 'agent-env',
      text: `${via} \`${rawName}\` is read only by ${agent}`,
      agent,
      ref,
    };
  if (LLM_ENV.includes(name) || matchesAny(settings['agent-env'], rawName) || matchesAny(settings['agent-env'], name)) {
    return { strength: 'medium', category: 'llm', text: `${via} \`${rawName}\` is an LLM credential or endpoint`, ref };
  }
  return null;
}

/** Names that hold a credential, whatever service it is for (`OPENAI_API_KEY`, `DB_PASSWORD`). */
export const isSecretName = (rawName: string): boolean =>
  /(^|_)(API_?KEY|KEY|AUTH_TOKEN|TOKEN|SECRET|SECRET_KEY|PASSWORD|PASSWD|CREDENTIALS?|PRIVATE_KEY|ACCESS_KEY)($|_)/.test(
    envName(rawName),
  );

/** Values that are obviously not a real secret: empty, references, `changeme`, `<your-key>`, `xxx`. */
export function isPlaceholder(value: string | undefined): boolean {
  const text = (value ?? '').trim();
  if (text === '' || /^\$\(?\{?[A-Za-z_][A-Za-z0-9_]*\}?\)?$/.test(text)) return true;
  return (
    /^(x+|\*+|\.+|-+|changeme|change[-_ ]?me|replace[-_ ]?me|todo|tbd|none|null|nil|empty|secret|password|test|example|placeholder|dummy)$/i.test(
      text,
    ) ||
    /^<.*>$|^\[.*\]$|^(your|my|insert|enter|put)[-_ ]|[-_](here|placeholder)$|^(dummy|example|fake|sample|test)[-_]/i.test(
      text,
    )
  );
}

export function configMountSignal(path: string, ref: SourceRef): Signal | null {
  const agent = agentOfConfigDir(path);
  return agent
    ? {
        strength: 'medium',
        category: 'agent-config',
        text: `mounts \`${path}\`, the configuration of ${agent}`,
        agent,
        ref,
      }
    : null;
}

/** A mount target that is a workspace for code (`/workspace`, `/app/workspace`, `/workspaces/x`). */
export const isWorkspacePath = (path: string): boolean =>
  /(^|\/)workspaces?(\/|$)|(^|[-_])workspace($|[-_/])/i.test(path);

export type LabelVerdict = { optIn: Signal } | { optOut: string } | null;

/** Our opt-in label (true/false) and the policy's extra `key=value` labels. */
export function labelSignal(
  labels: ReadonlyMap<string, { value: string; ref: SourceRef }>,
  settings: AdapterSettings,
): LabelVerdict {
  const ours = labels.get(OPT_IN_LABEL);
  if (ours && /^(false|no|0|off)$/i.test(ours.value))
    return { optOut: `\`${OPT_IN_LABEL}: ${ours.value}\` opts it out` };
  if (ours && /^(true|yes|1|on)$/i.test(ours.value)) {
    return {
      optIn: {
        strength: 'strong',
        category: 'label',
        text: `\`${OPT_IN_LABEL}: ${ours.value}\` opts it in`,
        agent: 'unknown',
        ref: ours.ref,
      },
    };
  }
  for (const [key, { value, ref }] of labels) {
    if (matchesAny(settings['agent-labels'], `${key}=${value}`)) {
      return {
        optIn: {
          strength: 'strong',
          category: 'label',
          text: `label \`${key}=${value}\` is listed in the policy's agent labels`,
          agent: 'unknown',
          ref,
        },
      };
    }
  }
  return null;
}

export interface Detection {
  agent: AgentId;
  /** The signals that made it an agent, for the report. */
  signals: string[];
}

/** Decides from the collected signals; null when the workload is not an agent. */
export function judge(signals: readonly Signal[], optOut: string | null, ignored: string | null): Detection | null {
  if (optOut) return null;
  const strong = signals.filter((s) => s.strength === 'strong');
  const label = strong.find((s) => s.category === 'label');
  if (ignored && !label) return null;
  if (strong.length > 0) {
    const agent =
      strong.find((s) => s.agent && s.agent !== 'unknown')?.agent ??
      signals.find((s) => s.agent && s.agent !== 'unknown')?.agent ??
      'unknown';
    return { agent, signals: unique(strong.map((s) => s.text)) };
  }
  const medium = signals.filter((s) => s.strength === 'medium');
  const capabilities = signals.filter((s) => s.strength === 'capability');
  const categories = new Set(medium.map((s) => s.category));
  if (categories.size >= 2 || (categories.size >= 1 && capabilities.length >= 1)) {
    const agent = medium.find((s) => s.agent)?.agent ?? 'unknown';
    return { agent, signals: unique([...medium, ...capabilities].map((s) => s.text)) };
  }
  return null;
}

const unique = (items: string[]): string[] => [...new Set(items)];
