import type { DeploymentKind } from '../model.js';

/** A deployment id readable by people and stable across runs: kind, file and name. */
export const deploymentId = (kind: DeploymentKind, file: string, name: string): string => `${kind}:${file}#${name}`;
