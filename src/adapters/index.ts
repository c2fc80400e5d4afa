/** The explicit registry of adapters, one per ecosystem. */
import type { Adapter } from './types.js';

export const ADAPTERS: readonly Adapter[] = [];
