/** The output formats `scan --format` accepts; each has one renderer in `RENDERERS` (index.ts). */
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
