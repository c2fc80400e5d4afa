/**
 * Cheap text tests run before any parse: is this YAML a Kubernetes manifest, and is it a template
 * (Helm, Jinja) that only becomes one when rendered? Templates are never parsed: the parse would
 * fail or, worse, succeed on text that is not what the cluster receives.
 */

const API_VERSION = /(^|\n)[ \t-]*["']?apiVersion["']?[ \t]*:/;
const KIND = /(^|\n)[ \t-]*["']?kind["']?[ \t]*:/;

/**
 * Kinds that never run a pod, never feed another object's facts (NetworkPolicies, RBAC) and are never
 * named as a pod's template: a manifest holding only these needs no parse. Unknown kinds are parsed,
 * and so are names other groups reuse for workloads (Knative `Service`, OAM `Component`).
 */
const INERT_KINDS = new Set([
  'Ingress',
  'IngressClass',
  'ConfigMap',
  'Secret',
  'Kustomization',
  'HorizontalPodAutoscaler',
  'VerticalPodAutoscaler',
  'PodDisruptionBudget',
  'Endpoints',
  'EndpointSlice',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'PriorityClass',
  'Namespace',
  'CustomResourceDefinition',
  'Certificate',
  'Issuer',
  'ClusterIssuer',
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
]);
/** Every `kind` written anywhere, nested and flow style included. */
const ANY_KIND = /\bkind["']?[ \t]*:[ \t]*["']?([A-Za-z0-9]+)/g;
/** A document's own kind in block style: the key at column 0. */
const TOP_KIND = /^["']?kind["']?[ \t]*:[ \t]*["']?([A-Za-z0-9]+)/gm;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)[^\n]*$/m;
const HAS_CONTENT = /^[ \t]*[^\s#]/m;

/**
 * True when every document's kind is inert: parsing the file could find nothing. A block-style
 * document writes its own kind at column 0, and a nested one is a reference (an HPA's
 * `scaleTargetRef` names a Deployment), so only column-0 kinds count; a document without one (flow
 * style, JSON, indented) is judged by every kind written anywhere in the file.
 */
export function onlyInertKinds(text: string): boolean {
  let named = false;
  for (const doc of text.split(DOCUMENT_MARKER)) {
    if (!HAS_CONTENT.test(doc)) continue;
    let own = 0;
    for (const match of doc.matchAll(TOP_KIND)) {
      if (!INERT_KINDS.has(match[1]!)) return false;
      own++;
    }
    if (own === 0) return everyKindInert(text);
    named = true;
  }
  return named;
}

function everyKindInert(text: string): boolean {
  let named = false;
  for (const match of text.matchAll(ANY_KIND)) {
    if (!INERT_KINDS.has(match[1]!)) return false;
    named = true;
  }
  return named;
}

export function looksLikeManifest(text: string): boolean {
  return text.includes('apiVersion') && text.includes('kind') && API_VERSION.test(text) && KIND.test(text);
}

/**
 * A Go-template or Jinja action: `{{ .Values.x }}`, `{{- include "a" . }}`, `{{ $v }}`, `{{ var }}`.
 * Argo's runtime parameters (`{{inputs.parameters.x}}`, `{{item}}`) and GitHub's `${{ }}` do not match.
 */
const ACTION = /^\{\{-?\s*(?:[.$]|\/\*|[A-Za-z_]\w*\s)/;
/** Only Helm writes these, quoted or not: the file is a chart template. */
const HELM = /\{\{-?\s*(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|include\s|toYaml\s|tpl\s)/;
const BLOCK_START = /(^|:\s|^\s*-\s)\s*[|>][-+0-9]*\s*$/;

/** Text of a line before a YAML comment (a `#` at the start or after whitespace). */
function withoutComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash >= 0 ? line.slice(0, hash) : line;
}

/** An action outside quotes: the template shapes the YAML itself, so the text is not the manifest. */
function unquotedAction(code: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' && code[i + 1] === '{' && code[i - 1] !== '$' && ACTION.test(code.slice(i))) return true;
  }
  return false;
}

/**
 * 1-based line of the first template action that makes the file a template, or null. Helm's own
 * variables count anywhere; other actions only outside quotes and block scalars, because alerting
 * rules and dashboards carry runtime templates (`"{{ $labels.instance }}"`) in valid manifests.
 * `helmOnly` (files under `templates/` that are not manifests on their face) counts only Helm.
 */
export function templatedLine(text: string, helmOnly = false): number | null {
  if (!text.includes('{{')) return null;
  const lines = text.split(/\r\n|\r|\n/);
  let blockIndent: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== null && line.trim() !== '' && indent <= blockIndent) blockIndent = null;
    const inBlock = blockIndent !== null;
    const code = inBlock ? line : withoutComment(line);
    if (code.includes('{{') && (HELM.test(code) || (!helmOnly && !inBlock && unquotedAction(code)))) return i + 1;
    if (!inBlock && BLOCK_START.test(code)) blockIndent = indent;
  }
  return null;
}

/** `charts/x/templates/deploy.yaml`: Helm renders every file under a chart's `templates/`. */
export const inTemplatesDir = (file: string): boolean => /(^|\/)templates\//.test(file);
