/** A value read from a manifest and the line it is written on (Kubernetes and Compose details). */
import type { SourceRef } from '../source.js';

export interface LocatedValue {
  value: unknown;
  ref: SourceRef;
}
