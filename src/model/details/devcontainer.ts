/** The `details` of a `devcontainer` deployment: what the devcontainer rules and `inline-secret` read. */
import type { SourceRef } from '../source.js';
import type { InlineValuesDetails } from './inline-values.js';

/** The user the container runs as, as written. */
export interface UserSetting {
  key: 'remoteUser' | 'containerUser';
  value: string;
  at: SourceRef;
}

export interface DevcontainerDetails extends InlineValuesDetails {
  /** `remoteUser`, else `containerUser`, when set. */
  user: UserSetting | null;
}

/** A user name or uid that is root (`root`, `0`, `root:root`): read by the adapter's facts and `devcontainer-root-user`. */
export const isRoot = (user: string): boolean => /^(?:root|0)(?::.*)?$/.test(user.trim());
