/**
 * The scanner's own rules: findings about files rather than deployments (a crash, a parse failure, a
 * file that cannot be judged without rendering) and the audit of suppressions (policy exceptions,
 * inline comments, Kubernetes annotations: expired ones stop working, unused ones are reported,
 * disallowed ones are refused). They are rules like any other (metadata, docs, severity settings),
 * but no deployment kind triggers them, and the suppression audits are never suppressible themselves.
 */
import internalError from './internal-error.js';
import notEvaluated from './not-evaluated.js';
import suppressionExpired from './suppression-expired.js';
import suppressionNotAllowed from './suppression-not-allowed.js';
import suppressionUnused from './suppression-unused.js';
import unparsableFile from './unparsable-file.js';

export const INTERNAL_ERROR = internalError;
export const NOT_EVALUATED = notEvaluated;
export const UNPARSABLE_FILE = unparsableFile;
export const SUPPRESSION_EXPIRED = suppressionExpired;
export const SUPPRESSION_NOT_ALLOWED = suppressionNotAllowed;
export const SUPPRESSION_UNUSED = suppressionUnused;

export const SUPPRESSION_RULES = [suppressionExpired, suppressionNotAllowed, suppressionUnused];
export const SUPPRESSION_RULE_IDS: ReadonlySet<string> = new Set(SUPPRESSION_RULES.map((r) => r.meta.id));

/** Sorted by id. */
export const ENGINE_RULES = [
  internalError,
  notEvaluated,
  suppressionExpired,
  suppressionNotAllowed,
  suppressionUnused,
  unparsableFile,
];
