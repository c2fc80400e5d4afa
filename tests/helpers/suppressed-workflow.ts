/** A workflow whose one Gemini CLI job runs --yolo on the runner, its two errors suppressed inline (lines 3 and 6). */
export const SUPPRESSED_WORKFLOW = [
  'on: pull_request',
  'jobs:',
  '  fix: # agent-sandbox: ignore[sandbox-required] runs in a throwaway VM',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: gemini --yolo -p "fix the bug" # agent-sandbox: ignore[approval-bypassed] reviewed by security',
  '',
].join('\n');

/** The same workflow without its suppressions. */
export const UNSUPPRESSED_WORKFLOW = SUPPRESSED_WORKFLOW.replace(/ # agent-sandbox: .*/g, '');
