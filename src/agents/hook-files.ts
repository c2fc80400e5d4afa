/**
 * Hook files that hold only commands, in the flat `{ "version": 1, "hooks": { <event>: [ … ] } }`
 * shape: Cursor's `.cursor/hooks.json` (`{command, matcher}`) and Copilot's `.github/hooks/*.json`
 * (`{type: "command", bash, powershell}`, read by the cloud agent from the default branch). The
 * commands run with the user's rights outside any agent sandbox; the file sets no sandbox fact.
 */
import type { AgentId } from '../model.js';
import {
  collectFlatHookCommands,
  derivedFact,
  emptyDetails,
  fact,
  isRecord,
  launcherCredentials,
  launcherLimits,
  type ReaderInput,
  type SettingsReading,
} from './settings-reading.js';

const OUTSIDE = 'an environment variable set outside the repository';

/** A hooks file must show the shape where its folder may hold other JSON (`.github/hooks/`). */
export const hasHooks = (value: unknown): boolean => isRecord(value) && isRecord(value['hooks']);

/** A hooks file of `agent` (`title` as a reviewer knows it); the agent's module says which paths are its. */
export function readHooks({ file, value }: ReaderInput, agent: AgentId, title: string): SettingsReading {
  const details = emptyDetails('agent-hooks', 'project', OUTSIDE);
  collectFlatHookCommands(isRecord(value) ? value['hooks'] : undefined, file, ['hooks'], details);
  return {
    agent,
    signals: [`${title} hooks file (${details.commands.length} command(s))`],
    sandbox: {
      isolation: fact('none', `${title} runs hook commands directly on the machine, outside any sandbox`, null),
      network: derivedFact('open', 'hook commands run on the host, which can connect to any host'),
      filesystem: derivedFact('full', 'hook commands run on the host, which can write anywhere the user can'),
      approval: fact('unrestricted', `a hooks file sets no tool approvals; ${title}'s own settings decide them`, null),
      credentials: launcherCredentials(title),
      limits: launcherLimits(title),
    },
    details,
  };
}
