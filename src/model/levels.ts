/** Normalised sandbox fact levels: neutral, so the agent catalogue and every layer may import them. */
/** Ordered from weakest to strongest where an order exists. */
export const ISOLATION_LEVELS = ['none', 'process', 'container', 'gvisor', 'microvm', 'vm'] as const;
export type Isolation = (typeof ISOLATION_LEVELS)[number];
export const NETWORK_LEVELS = ['open', 'allowlist', 'none'] as const;
export type Network = (typeof NETWORK_LEVELS)[number];
export const FILESYSTEM_LEVELS = ['full', 'workspace', 'read-only'] as const;
export type Filesystem = (typeof FILESYSTEM_LEVELS)[number];
export const APPROVAL_LEVELS = ['bypassed', 'unrestricted', 'restricted'] as const;
export type Approval = (typeof APPROVAL_LEVELS)[number];
export const CREDENTIAL_LEVELS = ['write', 'read', 'none'] as const;
export type Credentials = (typeof CREDENTIAL_LEVELS)[number];
export const LIMIT_LEVELS = ['unbounded', 'bounded'] as const;
export type Limits = (typeof LIMIT_LEVELS)[number];

export type SandboxFactName = 'isolation' | 'network' | 'filesystem' | 'approval' | 'credentials' | 'limits';
