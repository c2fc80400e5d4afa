/**
 * GitHub token scopes whose `write` only lets the token call a model (`copilot-requests` bills Copilot
 * requests to the organisation, `models` calls GitHub Models): like a model key, no write to the repository.
 */
export const MODEL_SCOPES: ReadonlySet<string> = new Set(['copilot-requests', 'models']);
