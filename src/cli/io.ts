/** What a CLI command writes to and where it runs: the process in production, a buffer in tests. */
export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The environment, for NO_COLOR / FORCE_COLOR; absent: no colour. */
  env?: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY?: boolean;
  /** The terminal's width, to wrap the text report to. */
  stdoutColumns?: number;
  stderrIsTTY?: boolean;
}
