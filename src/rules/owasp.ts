/**
 * The OWASP lists rule metadata maps to: the Top 10 for Agentic Applications 2026 (ASI01–ASI10) and
 * the OWASP MCP Top 10 (MCP01–MCP10, 2025 beta). Ids and titles as the lists publish them.
 */
export const OWASP_AGENTIC = {
  ASI01: 'Agent Goal Hijack',
  ASI02: 'Tool Misuse and Exploitation',
  ASI03: 'Identity and Privilege Abuse',
  ASI04: 'Agentic Supply Chain Vulnerabilities',
  ASI05: 'Unexpected Code Execution',
  ASI06: 'Memory and Context Poisoning',
  ASI07: 'Insecure Inter-Agent Communication',
  ASI08: 'Cascading Failures',
  ASI09: 'Human-Agent Trust Exploitation',
  ASI10: 'Rogue Agents',
} as const;

export const OWASP_MCP = {
  MCP01: 'Token Mismanagement and Secret Exposure',
  MCP02: 'Privilege Escalation via Scope Creep',
  MCP03: 'Tool Poisoning',
  MCP04: 'Software Supply Chain Attacks and Dependency Tampering',
  MCP05: 'Command Injection and Execution',
  MCP06: 'Intent Flow Subversion',
  MCP07: 'Insufficient Authentication and Authorization',
  MCP08: 'Lack of Audit and Telemetry',
  MCP09: 'Shadow MCP Servers',
  MCP10: 'Context Injection and Over-Sharing',
} as const;

export type AgenticRiskId = keyof typeof OWASP_AGENTIC;
export type McpRiskId = keyof typeof OWASP_MCP;
export type OwaspId = AgenticRiskId | McpRiskId;

export const OWASP_AGENTIC_URL = 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/';
export const OWASP_MCP_URL = 'https://owasp.org/www-project-mcp-top-10/';

export const isAgenticRisk = (id: string): id is AgenticRiskId => Object.hasOwn(OWASP_AGENTIC, id);
export const isMcpRisk = (id: string): id is McpRiskId => Object.hasOwn(OWASP_MCP, id);

export function owaspTitle(id: OwaspId): string {
  return isAgenticRisk(id) ? OWASP_AGENTIC[id] : OWASP_MCP[id];
}

/** SARIF tags in the form GitHub code scanning and other tools group by (`external/owasp-asi/ASI02`, `external/cwe/cwe-250`). */
export function taxonomyTags(meta: { owasp?: readonly OwaspId[]; cwe?: readonly number[] }): string[] {
  return [
    ...(meta.owasp ?? []).map((id) => (isAgenticRisk(id) ? `external/owasp-asi/${id}` : `external/owasp-mcp/${id}`)),
    ...(meta.cwe ?? []).map((n) => `external/cwe/cwe-${n}`),
  ];
}

export const cweUrl = (n: number): string => `https://cwe.mitre.org/data/definitions/${n}.html`;
