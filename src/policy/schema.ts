/**
 * The policy file's shape and defaults. This schema is the only place they live: the loader, the
 * JSON schema in docs/ and the presets all derive from it.
 */
import { z } from 'zod';
import { SEVERITIES } from '../model.js';

export const FAIL_ON = [...SEVERITIES, 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const severity = z.enum(SEVERITIES);

/** `off`, a severity, or an object with severity and options. */
export const ruleSetting = z.union([
  z.literal('off'),
  severity,
  z.strictObject({
    severity: z.union([z.literal('off'), severity]).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export type RuleSetting = z.infer<typeof ruleSetting>;

const globList = z.array(z.string().min(1));

/** How adapters recognise agents beyond the built-in signals. */
export const detectSettings = z
  .strictObject({
    'agent-images': globList.default([]).describe('Extra container image globs that mark a workload as an agent.'),
    'ignore-images': globList.default([]).describe('Image globs never treated as agents.'),
    'agent-commands': globList.default([]).describe('Extra command names that run an agent (in `run:`, container commands, MCP wrappers).'),
    'agent-env': globList.default([]).describe('Extra environment variable names that signal LLM credentials.'),
    'agent-labels': globList.default([]).describe('Extra `key=value` labels or annotations that opt a workload in as an agent.'),
    'gvisor-runtime-classes': globList.default(['gvisor', 'runsc', 'gvisor-*']).describe('runtimeClassName values that mean gVisor.'),
    'microvm-runtime-classes': globList.default(['kata', 'kata-*', 'firecracker', 'kata-fc', 'kata-qemu', 'kata-clh']).describe('runtimeClassName values that mean a micro-VM.'),
  })
  .default({
    'agent-images': [],
    'ignore-images': [],
    'agent-commands': [],
    'agent-env': [],
    'agent-labels': [],
    'gvisor-runtime-classes': ['gvisor', 'runsc', 'gvisor-*'],
    'microvm-runtime-classes': ['kata', 'kata-*', 'firecracker', 'kata-fc', 'kata-qemu', 'kata-clh'],
  });
export type AdapterSettings = z.output<typeof detectSettings>;

export const policySchema = z
  .strictObject({
    $schema: z.string().optional(),
    extends: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('Built-in presets (`recommended`, `strict`) or repo-relative policy files; later entries win.'),
    'fail-on': z.enum(FAIL_ON).optional().describe('Lowest severity that fails the run. Default `error`.'),
    include: globList.optional().describe('Only scan paths matching these globs.'),
    exclude: globList.optional().describe('Never scan paths matching these globs.'),
    'max-file-size': z.number().int().positive().optional().describe('Files larger than this many bytes are skipped and listed in coverage. Default 1 MiB.'),
    templated: z
      .enum(['report', 'fail'])
      .optional()
      .describe('What to do with templated YAML (Helm) that cannot be evaluated: list it in coverage, or fail.'),
    rules: z.record(z.string(), ruleSetting).optional().describe('Per-rule `off`, severity, or `{ severity, options }`.'),
    detect: detectSettings.optional(),
  })
  .describe('agent-sandbox-guard policy');

export type PolicyFile = z.input<typeof policySchema>;

/** A policy after `extends` is resolved and defaults are applied. */
export interface ResolvedPolicy {
  /** A path or `built-in:<preset>`. */
  source: string;
  failOn: FailOn;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  templated: 'report' | 'fail';
  rules: Record<string, RuleSetting>;
  detect: AdapterSettings;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
