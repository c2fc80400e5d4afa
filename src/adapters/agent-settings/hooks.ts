/**
 * Hook files that hold only commands, in the flat `{ "version": 1, "hooks": { <event>: [ … ] } }`
 * shape: Cursor's `.cursor/hooks.json` (`{command, matcher}`) and Copilot's `.github/hooks/*.json`
 * (`{type: "command", bash, powershell}`, read by the cloud agent from the default branch). The
 * commands run with the user's rights outside any agent sandbox; the file sets no sandbox fact.
 */
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
} from '../../agents/settings-reading.js';

const OUTSIDE = 'an environment variable set outside the repository';

export const cursorHooksPath = (file: string): boolean => /(^|\/)\.cursor\/hooks\.json$/.test(file);
export const copilotHooksPath = (file: string): boolean => /(^|\/)\.github\/hooks\/[^/]+\.json$/.test(file);
/** A Copilot hooks file must show the shape: `.github/hooks/` may hold other JSON. */
export const hasHooks = (value: unknown): boolean => isRecord(value) && isRecord(value['hooks']);

export function readHooks({ file, value }: ReaderInput, agent: 'cursor' | 'copilot'): SettingsReading {
  const details = emptyDetails('agent-hooks', 'project', OUTSIDE);
  collectFlatHookCommands(isRecord(value) ? value['hooks'] : undefined, file, ['hooks'], details);
  const title = agent === 'cursor' ? 'Cursor' : 'Copilot';
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
