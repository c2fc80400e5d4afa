/**
 * An agent's bypass switch (`gemini --yolo`, `claude --dangerously-skip-permissions`) that the
 * repository settings file it loads refuses (`security.disableYoloMode: true`): the agent then does
 * not run every tool unasked, so the switch is not a bypass. Which key refuses which switch is the
 * agent catalogue's (`bypassRefusal`). The file is credited only when the pull request under review
 * cannot supply it: a job that checks out the pull request's head before the agent step loads the
 * pull request's own copy, which can drop the key.
 */
import { bypassRefusalOf, loadedSettingsFilesOf } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import type { Checkout, LoadedSettings } from '../../model/details/workflow-job.js';
import { get } from '../../util/json.js';
import type { AdapterContext } from '../types.js';
import { hasFile } from './local-refs.js';
import type { AgentRun } from './types.js';

export function refuseBypasses(
  runs: readonly AgentRun[],
  checkouts: readonly Checkout[],
  envOf: (run: AgentRun) => ReadonlyMap<string, unknown>,
  context: AdapterContext,
): void {
  for (const run of runs) {
    if (!run.approval.some((c) => c.value === 'bypassed' && !c.wrapper)) continue;
    const refusal = bypassRefusalOf(run.agent);
    const loads = run.loads;
    if (!refusal || !loads || loads.agent !== run.agent || loads.replaced) continue;
    const at = refusalIn(refusal, loads, context);
    if (!at) continue;
    const setting = `\`${refusal.key.join('.')}: ${JSON.stringify(refusal.value)}\` in ${at.file}`;
    // Settings of higher precedence than the file, from where the step says: they may turn the key off.
    const override = refusal.overriddenBy?.find((name) => envOf(run).has(name) || (run.step.run ?? '').includes(name));
    if (override) {
      run.notes.push(
        `${setting} is not credited against the bypass: the step sets ${override}, whose settings take precedence`,
      );
      continue;
    }
    const prHead = checkouts.find((c) => c.prHead && c.index < run.step.index);
    if (prHead) {
      run.notes.push(
        `${setting} is not credited against the bypass: step "${prHead.step}" checks out the pull request's head, whose copy of ${at.file} the pull request can change`,
      );
      continue;
    }
    // Refused, the switch leaves the agent where it would be without it: what else the run says, and
    // no weaker than its prompts, which a run with no one to answer them refuses.
    run.approval = run.approval.filter((c) => c.value !== 'bypassed' || c.wrapper);
    run.approval.push({
      value: 'restricted',
      reason: `${setting} refuses the bypass switch: ${refusal.effect}`,
      source: at,
    });
    run.notes.push(`${setting} refuses the bypass switch: ${refusal.effect}`);
  }
}

/** The refusing key's line in the first file the run loads (and whose facts it may adopt) that sets it, or null. */
function refusalIn(
  refusal: NonNullable<ReturnType<typeof bypassRefusalOf>>,
  loads: LoadedSettings,
  context: AdapterContext,
): SourceRef | null {
  for (const { file, adopt } of loadedSettingsFilesOf(loads)) {
    if (!adopt || !hasFile(context, file)) continue;
    if (get(context.load(file)?.documents[0]?.value, refusal.key) === refusal.value)
      return { file, path: [...refusal.key] };
  }
  return null;
}
