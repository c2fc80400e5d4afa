/**
 * Replaces `process.env` with a plain copy of itself. Node's env object calls into C++ on every
 * read, and the bundled `yaml` parser reads `process.env.LOG_TOKENS` once per token: on a plain
 * object YAML parsing is about 10 % faster. Entry points call this first; children still inherit
 * every variable (child_process reads the current `process.env`). Windows keeps the real object,
 * whose names are case-insensitive.
 */
export function usePlainEnv(): void {
  if (process.platform !== 'win32') process.env = { ...process.env };
}
