/**
 * How adapters recognise agents beyond the built-in signals: the policy's `detect:` block. It lives
 * here, below the adapters, because every adapter reads it; src/policy/schema.ts embeds it in the
 * policy schema, which stays the one place the policy's shape and defaults are written.
 */
import { z } from 'zod';
import { MAX_GLOB_LENGTH } from '../util/glob.js';

/** A list of non-empty globs. */
/** Globs, each bounded so matching stays linear in the value (src/util/glob.ts). */
export const globList = z.array(
  z
    .string()
    .min(1)
    .max(MAX_GLOB_LENGTH, { error: `a glob is at most ${MAX_GLOB_LENGTH} characters` }),
);

/** How adapters recognise agents beyond the built-in signals. */
export const detectSettings = z
  .strictObject({
    'agent-images': globList.default([]).describe('Extra container image globs that mark a workload as an agent.'),
    'ignore-images': globList.default([]).describe('Image globs never treated as agents.'),
    'agent-commands': globList
      .default([])
      .describe('Extra command names that run an agent (in `run:`, container commands, MCP wrappers).'),
    'agent-env': globList.default([]).describe('Extra environment variable names that signal LLM credentials.'),
    'agent-labels': globList
      .default([])
      .describe('Extra `key=value` labels or annotations that opt a workload in as an agent.'),
    'gvisor-runtime-classes': globList
      .default(['gvisor', 'runsc', 'gvisor-*'])
      .describe('runtimeClassName values that mean gVisor.'),
    'microvm-runtime-classes': globList
      .default(['kata', 'kata-*', 'firecracker', 'kata-fc', 'kata-qemu', 'kata-clh'])
      .describe('runtimeClassName values that mean a micro-VM.'),
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
