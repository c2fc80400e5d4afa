/** Bundled into both entries; bump together with package.json. */
export const TOOL_NAME = 'agent-sandbox-guard';
export const TOOL_VERSION = '0.1.0';
