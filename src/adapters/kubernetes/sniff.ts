/**
 * Cheap text tests run before any parse: is this YAML a Kubernetes manifest, and is it a template
 * (Helm, Jinja) that only becomes one when rendered? Templates are never parsed: the parse would
 * fail or, worse, succeed on text that is not what the cluster receives.
 */

const API_VERSION = /(^|\n)[ \t-]*["']?apiVersion["']?[ \t]*:/;
const KIND = /(^|\n)[ \t-]*["']?kind["']?[ \t]*:/;

export function looksLikeManifest(text: string): boolean {
  return text.includes('apiVersion') && text.includes('kind') && API_VERSION.test(text) && KIND.test(text);
}

/**
 * A Go-template or Jinja action: `{{ .Values.x }}`, `{{- include "a" . }}`, `{{ $v }}`, `{{ var }}`.
 * Argo's runtime parameters (`{{inputs.parameters.x}}`, `{{item}}`) and GitHub's `${{ }}` are plain
 * strings to the parser and stay evaluable.
 */
const ACTION = /(?<!\$)\{\{-?\s*(?:[.$]|\/\*|[A-Za-z_]\w*\s)/;
/** Only Helm writes these; used for files under `templates/` that are not manifests on their face. */
const HELM = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|include\s|template\s|define\s|toYaml\s)/;

/** Text of a line before a YAML comment (a `#` at the start or after whitespace). */
function withoutComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash >= 0 ? line.slice(0, hash) : line;
}

/** 1-based line of the first template action outside comments, or null. */
export function templatedLine(text: string, helmOnly = false): number | null {
  if (!text.includes('{{')) return null;
  const pattern = helmOnly ? HELM : ACTION;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const code = withoutComment(lines[i]!);
    if (code.includes('{{') && pattern.test(code)) return i + 1;
  }
  return null;
}

/** `charts/x/templates/deploy.yaml`: Helm renders every file under a chart's `templates/`. */
export const inTemplatesDir = (file: string): boolean => /(^|\/)templates\//.test(file);
