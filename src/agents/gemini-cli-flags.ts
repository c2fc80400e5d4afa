/** Gemini CLI's flags and GEMINI_SANDBOX, as sandbox evidence (Qwen Code, a fork, reads them the same way with QWEN_SANDBOX). */
import type { SourceRef } from '../model/source.js';
import type { FlagReader, ToolDialect } from './flags.js';

/** Gemini CLI's tool names (v1 class names too), for judging `tools.core` and `--allowed-tools`. */
export const GEMINI_TOOLS: ToolDialect = {
  shell: /^(run_shell_command|ShellTool)$/,
  web: /^(web_fetch|google_web_search|WebFetchTool|WebSearchTool)$/,
  edit: /^(write_file|replace|edit|WriteFileTool|EditTool)$/,
  execAndWeb: ['run_shell_command', 'web_fetch', 'google_web_search'],
};

/** The boundary a Gemini sandbox command gives (`GEMINI_SANDBOX=runsc`, `tools.sandbox: docker`). */
export function geminiSandbox(
  command: string | null,
  label: string,
  source: SourceRef,
): { value: 'process' | 'container' | 'gvisor'; reason: string; source: SourceRef } {
  if (command === 'runsc') return { value: 'gvisor', reason: `${label} runs tools under gVisor (runsc)`, source };
  if (command === 'sandbox-exec')
    return { value: 'process', reason: `${label} runs tools under macOS sandbox-exec`, source };
  return {
    value: 'container',
    reason: `${label} runs tools in a ${command && command !== 'true' ? command : 'docker'} container`,
    source,
  };
}

/** The flag reader of Gemini CLI or a fork of it: `title` names it in reasons, `sandboxVariable` is its sandbox switch. */
export const geminiFlagReader =
  (title: string, sandboxVariable: string): FlagReader =>
  (r) => {
    const MOUNTS_PROJECT = `${title}'s sandbox mounts only the project directory`;
    for (const f of r.flags('--yolo', '-y'))
      r.bypass(f.word, `\`${f.name}\` in ${r.label(f.word)} approves every tool call`);
    for (const f of r.flags('--approval-mode')) {
      if (f.value && r.unknownValue(`the value of \`--approval-mode\` in ${r.label(f.word)}`, f.value)) continue;
      if (f.value?.text === 'yolo')
        r.bypass(f.word, `\`--approval-mode yolo\` in ${r.label(f.word)} approves every tool call`, f.value);
    }
    const sandboxFlag = r.flags('--sandbox', '-s')[0];
    const sandboxEnv = r.env(sandboxVariable);
    // `--sandbox "$X"` known only at run time may be `false`: not judged, and not taken as a sandbox.
    const sandboxValue = sandboxFlag?.value;
    const sandboxUnknown =
      sandboxValue &&
      r.unknownValue(`the value of \`${sandboxFlag.name}\` in ${r.label(sandboxFlag.word)}`, sandboxValue);
    if (sandboxUnknown) {
      // Neither a sandbox nor its absence can be taken from it.
    } else if (sandboxFlag && sandboxFlag.value?.text !== 'false') {
      const source = r.ref(sandboxFlag.word);
      r.add(
        'isolation',
        geminiSandbox(
          sandboxEnv && !/^(true|1|false|0)$/.test(sandboxEnv.value) ? sandboxEnv.value : null,
          `\`${sandboxFlag.name}\` in ${r.label(sandboxFlag.word)}`,
          source,
        ),
      );
      r.add('filesystem', { value: 'workspace', reason: MOUNTS_PROJECT, source, boundary: true });
    } else if (sandboxEnv) {
      if (/^(false|0)$/i.test(sandboxEnv.value))
        r.add('isolation', {
          value: 'none',
          reason: `${sandboxVariable} is ${sandboxEnv.value}`,
          source: sandboxEnv.source,
        });
      else {
        r.add(
          'isolation',
          geminiSandbox(
            /^(true|1)$/i.test(sandboxEnv.value) ? null : sandboxEnv.value,
            `${sandboxVariable}=${sandboxEnv.value}`,
            sandboxEnv.source,
          ),
        );
        r.add('filesystem', { value: 'workspace', reason: MOUNTS_PROJECT, source: sandboxEnv.source, boundary: true });
      }
    }
    r.allowlist(['--allowed-tools'], GEMINI_TOOLS, r.label(r.flags('--allowed-tools')[0]?.word));
  };

export const readGeminiFlags: FlagReader = geminiFlagReader('Gemini', 'GEMINI_SANDBOX');
