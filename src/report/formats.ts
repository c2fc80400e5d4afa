/** The output formats `scan --format` accepts; each has one renderer in `RENDERERS` (index.ts). */
export const FORMATS = ['text', 'json', 'sarif', 'github', 'cyclonedx'] as const;
export type Format = (typeof FORMATS)[number];
