/** The `details` of an `mcp-server` deployment live in the model, where rules read them typed. */
export type { McpServerDetails } from '../../model/details/mcp-server.js';
