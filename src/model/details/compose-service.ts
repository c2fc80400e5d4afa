/** The `details` of a `compose-service` deployment: plain data the Compose rules read. */
import type { SourceRef } from '../source.js';
import type { LocatedValue } from './located-value.js';

export type { LocatedValue } from './located-value.js';

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
