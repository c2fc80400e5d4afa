/**
 * What a container action runs, read as a command line: a local Docker action (`runs.using: docker`,
 * its `image:` a Dockerfile or `docker://…`, `entrypoint`, `args`, and the Dockerfile's `ENTRYPOINT`
 * and `CMD` with Docker's override rules), a script the Dockerfile copies in from the repository,
 * and a `uses: docker://IMAGE` step with its `entrypoint` and `args` inputs. An agent program there,
 * or an agent image, is an agent run. The runner mounts the host's Docker socket into such
 * containers, so they isolate nothing and no isolation is credited.
 */
import { mainProgram } from '../../agents/index.js';
import { imageSignal } from '../../containers/signals.js';
import { Line, type Origin } from './anchor.js';
import { agentCommands } from './cli.js';
import { readDockerfile, type DockerCommand, type Dockerfile } from './dockerfile.js';
import { hasFile, type FollowState } from './local-refs.js';
import { emptyRun, type AgentRun } from './types.js';
import { scalarText, stepLabel, type Mapping, type Step } from './workflow.js';

const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
const join = (dir: string, rest: string): string => (dir ? `${dir}/${rest}` : rest).replace(/(^|\/)\.\//g, '$1');

/** Agent runs of a local Docker action, from its metadata (`runs`) and Dockerfile. */
export function dockerActionRuns(actionFile: string, runs: Mapping, step: Step, state: FollowState): AgentRun[] {
  const image = scalarText(runs['image'])?.trim() ?? '';
  const imageAt = { file: actionFile, path: ['runs', 'image'] };
  const line = new Line(`\0docker-action:${actionFile}`);
  const entrypoint = scalarText(runs['entrypoint']);
  const args = Array.isArray(runs['args']) ? runs['args'] : null;
  const scalar = (path: (string | number)[], value: string): Origin => ({
    kind: 'scalar',
    file: actionFile,
    path,
    value,
    offset: 0,
  });
  let dockerfile: ReturnType<typeof readDockerfile> | null = null;
  let dockerfileName = '';
  let imageName = image.startsWith('docker://') ? image.slice('docker://'.length) : null;
  if (!imageName) {
    dockerfileName = join(dirOf(actionFile), image);
    const text = hasFile(state.context, dockerfileName) ? (state.context.text?.(dockerfileName) ?? null) : null;
    if (text === null) {
      state.unresolved.push({
        ...imageAt,
        message: `${actionFile} runs \`image: ${image}\`, but the repository has no ${dockerfileName}, so what the container runs cannot be judged`,
      });
      return [];
    }
    dockerfile = readDockerfile(text);
    imageName = dockerfile.from?.value ?? null;
    const origin = (word: { start: number }): Origin => ({
      kind: 'text',
      file: dockerfileName,
      text,
      offset: word.start,
    });
    const addCommand = (command: DockerCommand): void => {
      if (command.form === 'exec') for (const w of command.words) line.add(w.value, origin(w), true);
      else line.add(command.text.value, origin(command.text));
    };
    // `runs.entrypoint` replaces ENTRYPOINT and drops CMD; `runs.args` replace CMD.
    if (entrypoint !== null) line.add(entrypoint, scalar(['runs', 'entrypoint'], entrypoint), true);
    else if (dockerfile.entrypoint) addCommand(dockerfile.entrypoint);
    const shellEntrypoint = entrypoint === null && dockerfile.entrypoint?.form === 'shell';
    if (!shellEntrypoint) {
      if (args) addArgs(line, args, actionFile);
      else if (entrypoint === null && dockerfile.cmd) addCommand(dockerfile.cmd);
    }
  } else {
    if (entrypoint !== null) line.add(entrypoint, scalar(['runs', 'entrypoint'], entrypoint), true);
    if (args) addArgs(line, args, actionFile);
  }
  const label = `${actionFile} (container action)`;
  const found = readLine(line, actionFile, step, state);
  if (found.length > 0) return found;
  // The program is a script the image copied in from the repository: read it as the container would run it.
  // The first word is the program; a launcher may be handed the script (`["/bin/run", "/tmp/entrypoint.sh"]`).
  let program = '';
  let script: string | null = null;
  for (const word of dockerfile ? line.value.split(/\s+/).slice(0, 3) : []) {
    program = word.replace(/^'|'$/g, '');
    script = copiedFrom(dockerfile!, program, dirOf(dockerfileName));
    if (script) break;
  }
  if (script) {
    const text = hasFile(state.context, script) ? (state.context.text?.(script) ?? null) : null;
    if (text === null)
      state.unresolved.push({
        ...imageAt,
        message: `${dockerfileName} copies ${script} into the image as its entrypoint \`${program}\`, but the repository has no such file, so what the container runs cannot be judged`,
      });
    else {
      const body = new Line(`\0docker-script:${script}`).add(text, { kind: 'text', file: script, text, offset: 0 });
      const inScript = readLine(body, actionFile, step, state);
      if (inScript.length > 0)
        return inScript.map((r) => ({ ...r, signal: `${r.signal} (in ${script}, the entrypoint of ${label})` }));
    }
  }
  return imageName ? agentImageRun(imageName, imageAt, line, actionFile, step, state) : [];
}

/** `with: entrypoint` and `with: args` of a `uses: docker://IMAGE` step. */
export function dockerStepRuns(file: string, step: Step, state: FollowState): AgentRun[] {
  const image = step.uses!.slice('docker://'.length).trim();
  const line = new Line(`\0docker-step:${file}:${step.path.join('.')}`);
  const entrypoint = scalarText(step.with['entrypoint']);
  const args = scalarText(step.with['args']);
  const scalar = (name: string, value: string): Origin => ({
    kind: 'scalar',
    file,
    path: [...step.path, 'with', name],
    value,
    offset: 0,
  });
  if (entrypoint !== null) line.add(entrypoint, scalar('entrypoint', entrypoint), true);
  // The runner splits `args` into words as a shell would (quotes group, no expansion of its own).
  if (args !== null) line.add(args, scalar('args', args));
  const found = readLine(line, file, step, state);
  if (found.length > 0) return found;
  return agentImageRun(image, { file, path: [...step.path, 'uses'] }, line, file, step, state);
}

function addArgs(line: Line, args: unknown[], actionFile: string): void {
  args.forEach((item, i) => {
    const value = scalarText(item);
    if (value !== null)
      line.add(value, { kind: 'scalar', file: actionFile, path: ['runs', 'args', i], value, offset: 0 }, true);
  });
}

/** Agent commands in the synthetic line, with every reference moved to where it is written. */
function readLine(line: Line, file: string, step: Step, state: FollowState): AgentRun[] {
  if (!line.value.trim()) return [];
  const runs = agentCommands({
    file: line.marker,
    step,
    at: line.at(),
    env: new Map(),
    agentCommands: state.context.settings['agent-commands'],
    settings: state.context.settings,
    settingsFile: () => false,
  });
  return runs.map((run) => ({ ...line.anchor(run), file }));
}

/** An agent image whose own entrypoint is the agent: the arguments are the agent's. */
function agentImageRun(
  image: string,
  imageAt: { file: string; path: (string | number)[] },
  line: Line,
  file: string,
  step: Step,
  state: FollowState,
): AgentRun[] {
  const verdict = imageSignal(image, imageAt, state.context.settings);
  if (verdict?.kind !== 'signal') return [];
  const agent = verdict.signal.agent ?? 'unknown';
  const program = mainProgram(agent);
  // An image of a tool the agent uses (an MCP server) runs no agent itself; a policy-listed image does.
  if (!program && agent !== 'unknown') return [];
  const signal = `${stepLabel(step)} runs ${verdict.signal.text}`;
  if (program && line.value.trim()) {
    // The image's entrypoint is the agent's program and receives the same words.
    const withProgram = line.prefixed(`${line.marker}:image`, program.name, { kind: 'ref', ref: imageAt });
    const read = readLine(withProgram, file, step, state);
    if (read.length > 0) return read.map((r) => ({ ...r, signal }));
  }
  return [emptyRun({ agent, step, file, at: imageAt, signal, via: 'action', action: null })];
}

/** The repository file a Dockerfile copied to `target` (exactly, or inside a copied folder); relative to WORKDIR. */
function copiedFrom(dockerfile: Dockerfile, target: string, contextDir: string): string | null {
  const absolute = target.startsWith('/')
    ? target
    : `${dockerfile.workdir.replace(/\/+$/, '')}/${target.replace(/^\.\//, '')}`;
  for (const [dest, src] of dockerfile.copies) {
    const destDir = dest.replace(/\/+$/, '');
    if (absolute === dest || absolute === destDir) return join(contextDir, src);
    if (absolute.startsWith(`${destDir}/`))
      return join(contextDir, `${src.replace(/\/+$/, '')}/${absolute.slice(destDir.length + 1)}`);
  }
  return null;
}
