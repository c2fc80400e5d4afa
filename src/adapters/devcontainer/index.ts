/**
 * Dev containers (`kind: devcontainer`): `.devcontainer/devcontainer.json`, `.devcontainer.json`
 * and `.devcontainer/<name>/devcontainer.json` (JSONC). One deployment per file, only when it
 * installs or runs a coding agent (see `signals.ts`); ordinary dev containers are not agents.
 */
import { deploymentId } from '../../model.js';
import { collectInlineValues } from '../../secrets.js';
import { emptyOutput, type Adapter, type AdapterContext, type AdapterOutput } from '../types.js';
import type { ParsedFile } from '../../documents/types.js';
import { effectiveUser, devcontainerSandbox } from './facts.js';
import { composeService, containerOptions } from './options.js';
import { agentSignals, fileSignals, lifecycleCommands } from './signals.js';
import { isRecord } from '../../util/json.js';
import type { DevcontainerDetails } from '../../model/details/devcontainer.js';

export const isDevcontainerFile = (file: string): boolean =>
  /(?:^|\/)(?:\.devcontainer\/(?:[^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/.test(file);

export const devcontainerAdapter: Adapter = {
  id: 'devcontainer',
  claims: isDevcontainerFile,
  // The config, and what it runs: the Dockerfile it builds and the shell scripts its lifecycle commands call.
  paths: [
    '.devcontainer/',
    '.devcontainer.json',
    'Dockerfile*',
    '*.Dockerfile',
    '*.dockerfile',
    'Containerfile*',
    '*.sh',
  ],
  extract(parsed: ParsedFile, context: AdapterContext): AdapterOutput {
    const output = emptyOutput();
    const doc = parsed.documents[0];
    if (!doc || !isRecord(doc.value)) return output;
    const file = parsed.file;
    const value = doc.value;
    const commands = lifecycleCommands(value);
    const signals = [
      ...agentSignals(value, commands, context.settings),
      ...fileSignals(parsed.file, value, commands, context.text),
    ];
    if (signals.length === 0) return output;
    const compose = composeService(file, value, context.load);
    const options = containerOptions(file, value, compose);
    const name =
      typeof value['name'] === 'string' && value['name'].trim()
        ? value['name']
        : file.replace(/\/?devcontainer\.json$|\.json$/, '') || file;
    const details: DevcontainerDetails = {
      user: effectiveUser(file, value),
      inlineValues: collectInlineValues(value, { file, path: [] }),
      secretReference: '`${localEnv:NAME}` (read from the host when the container starts)',
    };
    output.deployments.push({
      id: deploymentId('devcontainer', file, name),
      kind: 'devcontainer',
      name,
      agent: signals[0]!.agent,
      file,
      at: { file, path: typeof value['name'] === 'string' ? ['name'] : [] },
      sandbox: devcontainerSandbox(file, value, options, commands, context.settings),
      signals: signals.map((s) => s.text),
      labels: {},
      root: { file, path: [] },
      details: { ...details },
    });
    return output;
  },
};
