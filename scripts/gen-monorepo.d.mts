/** Types for scripts/gen-monorepo.mjs, for tests that build a synthetic repository. */
export interface MonorepoManifest {
  generator: number;
  seed: number;
  count: number;
  nodeModulesFiles: number;
  byCategory: Record<string, number>;
  agents: { file: string; kind: string }[];
  changed: string[];
}
export const GENERATOR_VERSION: number;
export function generate(options: { seed: number; count: number; dir: string }): MonorepoManifest;
export function cachedRepo(
  cacheDir: string,
  seed: number,
  count: number,
): { dir: string; manifest: MonorepoManifest; cached: boolean };
