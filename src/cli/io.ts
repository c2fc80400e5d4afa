/** What a CLI command writes to and where it runs: the process in production, a buffer in tests. */
export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}
