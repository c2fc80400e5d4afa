/** The `details` of a `compose-service` deployment: plain data the Compose rules read. */
import type { Deployment, SourceRef } from '../../model.js';
import type { LocatedValue } from '../kubernetes/details.js';

export interface ComposeEnv {
  name: string;
  /** As written; undefined when only the name is listed (passed through from the shell). */
  value: string | undefined;
  ref: SourceRef;
}

export interface ComposeDetails {
  service: string;
  user?: LocatedValue;
  readOnly?: LocatedValue;
  /** Each `security_opt` item. */
  securityOpt: LocatedValue[];
  /** Each `cap_drop` item, and each `cap_add` item. */
  capDrop: LocatedValue[];
  capAdd: LocatedValue[];
  env: ComposeEnv[];
}

export function composeDetails(deployment: Deployment): ComposeDetails | null {
  if (deployment.kind !== 'compose-service') return null;
  const details = deployment.details as Partial<ComposeDetails>;
  return typeof details.service === 'string' && Array.isArray(details.securityOpt) ? (details as ComposeDetails) : null;
}
