#!/usr/bin/env node
/**
 * Deterministic synthetic monorepo for the benchmark: `node scripts/gen-monorepo.mjs --seed 1 --files 20000 [--out DIR]`.
 *
 * Mostly source files, then unrelated YAML/JSON (package.json, tool configs, OpenAPI, locales, fixtures, a
 * lockfile), Kubernetes multi-document manifests, Helm charts, Compose files, workflows, MCP configs and agent
 * settings; a few per cent of the config files are agent deployments. An ignored `node_modules/` holds agent
 * configs too, so a scan that reads it reports them and the bench notices. The tree is `git init` + `git add`
 * + committed so discovery lists it with `git ls-files`, as in CI. Same seed and count, same bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output changes, so cached repositories are regenerated. */
export const GENERATOR_VERSION = 6;

/** mulberry32: tiny, fast, good enough for shaping test data. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (list) => list[Math.floor(next() * list.length)], chance: (p) => next() < p };
}

const WORDS = [
  'account',
  'billing',
  'cache',
  'cart',
  'catalog',
  'checkout',
  'config',
  'core',
  'data',
  'edge',
  'events',
  'feed',
  'gateway',
  'graph',
  'identity',
  'index',
  'inventory',
  'ledger',
  'mail',
  'media',
  'metrics',
  'notify',
  'orders',
  'payments',
  'profile',
  'queue',
  'rank',
  'report',
  'search',
  'session',
  'shipping',
  'storage',
  'sync',
  'tenant',
  'upload',
  'users',
  'web',
  'worker',
];
const AGENT_IMAGES = [
  'ghcr.io/all-hands-ai/openhands:0.59',
  'ghcr.io/anthropics/claude-code:latest',
  'docker.io/paulgauthier/aider:v0.86',
  'ghcr.io/block/goose:1.8',
  'us-docker.pkg.dev/gemini-code/gemini-cli:0.9',
];
const PLAIN_IMAGES = [
  'nginx:1.27',
  'redis:7.4',
  'postgres:16',
  'node:22-alpine',
  'python:3.12-slim',
  'ghcr.io/acme/api:2.3.1',
  'busybox:1.36',
  'grafana/grafana:11.2',
];

/** Indented lines of filler code; sizes follow real repositories loosely (1–6 KiB). */
function sourceFile(r, lang, name) {
  const lines = [];
  const n = r.int(20, 140);
  if (lang === 'py') {
    lines.push(`"""${name} module."""`, 'import json', 'import os', '');
    for (let i = 0; i < n; i++)
      lines.push(
        i % 12 === 0
          ? `\ndef ${name}_${i}(value, options=None):`
          : `    result_${i} = value.get("${r.pick(WORDS)}", ${r.int(0, 999)})  # ${r.pick(WORDS)}`,
      );
    lines.push('    return result_1 if options else None');
  } else if (lang === 'go') {
    lines.push(`package ${name.replace(/[^a-z]/g, '')}`, '', 'import "fmt"', '');
    for (let i = 0; i < n; i++)
      lines.push(
        i % 12 === 0
          ? `}\n\nfunc ${cap(name)}${i}(v map[string]int) int {`
          : `\tv["${r.pick(WORDS)}"] += ${r.int(0, 999)} // ${r.pick(WORDS)}`,
      );
    lines.push('\tfmt.Println(v)\n\treturn 0\n}');
  } else {
    lines.push(
      `import { ${r.pick(WORDS)} } from './${r.pick(WORDS)}.js';`,
      `import type { Options } from '../types.js';`,
      '',
    );
    for (let i = 0; i < n; i++)
      lines.push(
        i % 12 === 0
          ? `}\n\nexport function ${name}${i}(input: Record<string, number>, options?: Options): number {`
          : `  const ${r.pick(WORDS)}${i} = input['${r.pick(WORDS)}'] ?? ${r.int(0, 999)}; // ${r.pick(WORDS)}`,
      );
    lines.push('  return 0;\n}');
  }
  return lines.join('\n') + '\n';
}
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

const packageJson = (r, name, deps) =>
  JSON.stringify(
    {
      name: `@acme/${name}`,
      version: `1.${r.int(0, 30)}.${r.int(0, 9)}`,
      private: true,
      type: 'module',
      scripts: { build: 'tsc -p .', test: 'vitest run', lint: 'eslint .' },
      dependencies: Object.fromEntries(deps.map((d) => [`@acme/${d}`, 'workspace:*'])),
      devDependencies: { typescript: '^5.9.0', vitest: '^4.1.0' },
    },
    null,
    2,
  ) + '\n';

function tsconfig(r) {
  return (
    JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { outDir: 'dist', rootDir: 'src', strict: true, noUncheckedIndexedAccess: r.chance(0.5) },
        include: ['src'],
      },
      null,
      2,
    ) + '\n'
  );
}

function jsonFixture(r, entries) {
  const rows = [];
  for (let i = 0; i < entries; i++)
    rows.push({
      id: i,
      name: `${r.pick(WORDS)}-${i}`,
      score: r.int(0, 1000),
      tags: [r.pick(WORDS), r.pick(WORDS)],
      active: r.chance(0.5),
      nested: { a: r.int(0, 9), b: r.pick(WORDS) },
    });
  return JSON.stringify({ version: 1, rows }, null, 2) + '\n';
}

function locale(r, lang) {
  const entries = {};
  for (let i = 0; i < r.int(40, 200); i++)
    entries[`${r.pick(WORDS)}.${r.pick(WORDS)}.${i}`] = `${lang}: ${r.pick(WORDS)} ${r.pick(WORDS)} ${r.pick(WORDS)}`;
  return JSON.stringify(entries, null, 2) + '\n';
}

function openapi(r, name) {
  const out = [`openapi: 3.1.0`, `info:`, `  title: ${name} API`, `  version: 1.${r.int(0, 9)}.0`, `paths:`];
  for (let i = 0; i < r.int(10, 60); i++) {
    const res = r.pick(WORDS);
    out.push(
      `  /${name}/${res}/${i}:`,
      `    get:`,
      `      operationId: get${cap(res)}${i}`,
      `      parameters:`,
      `        - name: id`,
      `          in: path`,
      `          required: true`,
      `          schema: { type: string }`,
      `      responses:`,
      `        '200':`,
      `          description: the ${res}`,
      `          content:`,
      `            application/json:`,
      `              schema:`,
      `                $ref: '#/components/schemas/${cap(res)}'`,
    );
  }
  out.push('components:', '  schemas:');
  for (const w of WORDS.slice(0, 12))
    out.push(
      `    ${cap(w)}:`,
      `      type: object`,
      `      properties:`,
      `        id: { type: string }`,
      `        count: { type: integer }`,
    );
  return out.join('\n') + '\n';
}

const toolConfigs = {
  '.eslintrc.json': (r) =>
    JSON.stringify(
      {
        root: false,
        extends: ['../../.eslintrc.json'],
        rules: { 'no-console': r.pick(['off', 'warn', 'error']), eqeqeq: 'error' },
      },
      null,
      2,
    ) + '\n',
  '.prettierrc.json': (r) =>
    JSON.stringify({ singleQuote: r.chance(0.5), printWidth: r.pick([100, 120, 140]), trailingComma: 'all' }, null, 2) +
    '\n',
  'config.yaml': (r) =>
    `# runtime settings\nserver:\n  port: ${r.int(3000, 9000)}\n  host: 0.0.0.0\nlog:\n  level: ${r.pick(['info', 'debug', 'warn'])}\nfeatures:\n${WORDS.slice(
      0,
      r.int(3, 15),
    )
      .map((w) => `  ${w}: ${r.chance(0.5)}`)
      .join('\n')}\n`,
  '.golangci.yml': () => `run:\n  timeout: 5m\nlinters:\n  enable:\n    - govet\n    - errcheck\n    - staticcheck\n`,
  'codecov.yml': () => `coverage:\n  status:\n    project:\n      default:\n        target: 80%\n`,
  'mkdocs.yml': (r) =>
    `site_name: ${r.pick(WORDS)} docs\ntheme:\n  name: material\nnav:\n  - Home: index.md\n  - Guide: guide.md\n`,
};

function k8sManifest(r, name, agent) {
  const image = agent ? r.pick(AGENT_IMAGES) : r.pick(PLAIN_IMAGES);
  const env = agent
    ? `            - name: ANTHROPIC_API_KEY\n              valueFrom:\n                secretKeyRef: { name: ${name}-llm, key: api-key }\n`
    : `            - name: LOG_LEVEL\n              value: info\n`;
  const security = r.chance(0.5)
    ? `          securityContext:\n            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n            capabilities: { drop: [ALL] }\n`
    : '';
  const runtime = agent && r.chance(0.3) ? `      runtimeClassName: gvisor\n` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: acme
spec:
  replicas: ${r.int(1, 6)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
${runtime}      serviceAccountName: ${name}
      containers:
        - name: ${name}
          image: ${image}
          ports:
            - containerPort: ${r.int(3000, 9000)}
          env:
${env}          resources:
            requests: { cpu: ${r.int(50, 500)}m, memory: ${r.int(64, 512)}Mi }
            limits: { cpu: ${r.int(500, 2000)}m, memory: ${r.int(512, 2048)}Mi }
${security}          readinessProbe:
            httpGet: { path: /healthz, port: http }
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
${WORDS.slice(0, r.int(4, 20))
  .map((w) => `  ${w.toUpperCase()}_ENABLED: "${r.chance(0.5)}"`)
  .join('\n')}
`;
}

const helmTemplate = (name) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "${name}.fullname" . }}
  labels:
    {{- include "${name}.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`;

function compose(r, name, agent) {
  const agentService = agent
    ? `  agent:
    image: ${r.pick(AGENT_IMAGES)}
    environment:
      - ANTHROPIC_API_KEY=\${ANTHROPIC_API_KEY}
      - WORKSPACE=/workspace
    volumes:
      - ./:/workspace
${r.chance(0.5) ? '      - /var/run/docker.sock:/var/run/docker.sock\n' : ''}`
    : '';
  return `services:
  ${name}:
    build: .
    ports:
      - "${r.int(3000, 9000)}:8080"
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
    volumes:
      - db-data:/var/lib/postgresql/data
${agentService}volumes:
  db-data: {}
`;
}

function workflow(r, name, agent) {
  const job = agent
    ? `  review:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
      - uses: anthropics/claude-code-action@v1
        with:
          anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
          claude_args: ${r.pick(['--dangerously-skip-permissions', '--allowedTools "Bash(npm test)"', '--max-turns 5'])}
`
    : `  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm ci
      - run: npm test -- --project ${name}
`;
  return `name: ${name}\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n${job}`;
}

const mcpJson = (r) =>
  JSON.stringify(
    {
      mcpServers: {
        [r.pick(WORDS)]: { command: 'npx', args: ['-y', `@acme/${r.pick(WORDS)}-mcp`] },
        docs: { type: 'http', url: 'https://mcp.example.com/docs' },
      },
    },
    null,
    2,
  ) + '\n';
const claudeSettings = (r) =>
  JSON.stringify(
    {
      permissions: {
        allow: ['Bash(npm test:*)', 'Read'],
        deny: ['Read(./.env)'],
        defaultMode: r.pick(['default', 'acceptEdits', 'bypassPermissions']),
      },
      sandbox: { enabled: r.chance(0.5) },
    },
    null,
    2,
  ) + '\n';
const codexToml = (r) =>
  `model = "gpt-5-codex"\napproval_policy = "${r.pick(['on-request', 'never', 'untrusted'])}"\nsandbox_mode = "${r.pick(['read-only', 'workspace-write', 'danger-full-access'])}"\n`;
const devcontainer = (r, agent) =>
  JSON.stringify(
    {
      name: 'dev',
      image: 'mcr.microsoft.com/devcontainers/typescript-node:22',
      features: agent
        ? { 'ghcr.io/anthropics/devcontainer-features/claude-code:1': {} }
        : { 'ghcr.io/devcontainers/features/github-cli:1': {} },
      ...(r.chance(0.5) ? { runArgs: ['--cap-add=NET_ADMIN'] } : {}),
    },
    null,
    2,
  ) + '\n';

/**
 * Writes the repository and returns its manifest (counts by category, the agent files planted, and
 * a few files to use as a "changed" set). Stops at exactly `count` tracked files.
 */
export function generate({ seed, count, dir }) {
  const r = prng(seed);
  const files = new Map();
  const agents = [];
  const add = (file, text, agentKind) => {
    if (files.size >= count || files.has(file)) return;
    files.set(file, text);
    if (agentKind) agents.push({ file, kind: agentKind });
  };
  const packageCount = Math.max(4, Math.round(count / 60));
  const names = Array.from(
    { length: packageCount },
    (_, i) => `${WORDS[i % WORDS.length]}${i >= WORDS.length ? `-${Math.floor(i / WORDS.length)}` : ''}`,
  );

  // The repository root: the things every monorepo has, and its agent workflows.
  add('.gitignore', 'node_modules/\ndist/\ncoverage/\n');
  add(
    'package.json',
    JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'services/*'] }, null, 2) + '\n',
  );
  add(
    'tsconfig.base.json',
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true } }, null, 2) + '\n',
  );
  add('README.md', '# acme\n\nThe monorepo.\n');
  add(
    '.github/dependabot.yml',
    'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: weekly }\n',
  );
  add('renovate.json', JSON.stringify({ extends: ['config:recommended'] }, null, 2) + '\n');
  add('.github/workflows/claude.yml', workflow(r, 'claude', true), 'workflow-job');
  add('.mcp.json', mcpJson(r), 'mcp-server');
  add('.claude/settings.json', claudeSettings(r), 'agent-config');
  add('.devcontainer/devcontainer.json', devcontainer(r, true), 'devcontainer');
  const lock = { name: 'acme', lockfileVersion: 3, packages: {} };
  for (let i = 0; i < Math.min(6000, count / 8); i++)
    lock.packages[`node_modules/${r.pick(WORDS)}-${i}`] = {
      version: `${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 9)}`,
      resolved: `https://registry.npmjs.org/x/-/x-${i}.tgz`,
      integrity: `sha512-${'x'.repeat(64)}`,
    };
  add('package-lock.json', JSON.stringify(lock, null, 2) + '\n');

  // Packages until the count is reached: a service every third package, agent files sprinkled in.
  for (let p = 0; files.size < count; p++) {
    const name = names[p % names.length] + (p >= names.length ? `-v${Math.floor(p / names.length)}` : '');
    const service = p % 3 === 0;
    const base = `${service ? 'services' : 'packages'}/${name}`;
    const lang = r.pick(['ts', 'ts', 'ts', 'py', 'go']);
    add(`${base}/package.json`, packageJson(r, name, [r.pick(names), r.pick(names)]));
    add(`${base}/README.md`, `# ${name}\n\n${r.pick(WORDS)} ${r.pick(WORDS)} service.\n`);
    if (lang === 'ts') add(`${base}/tsconfig.json`, tsconfig(r));
    for (const [file, make] of Object.entries(toolConfigs)) if (r.chance(0.25)) add(`${base}/${file}`, make(r));
    const sources = r.int(15, 45);
    // A handful of folders per package: real trees hold about 5–15 files per folder.
    const areas = Array.from({ length: r.int(1, 4) }, () => r.pick(WORDS));
    for (let i = 0; i < sources; i++) {
      const mod = `${r.pick(WORDS)}${i}`;
      add(`${base}/src/${r.pick(areas)}/${mod}.${lang}`, sourceFile(r, lang, mod));
      if (i % 3 === 0) add(`${base}/test/${mod}.test.${lang}`, sourceFile(r, lang, `${mod}Test`));
    }
    if (r.chance(0.4)) for (const l of ['en', 'de', 'fr', 'ja']) add(`${base}/locales/${l}.json`, locale(r, l));
    if (r.chance(0.3))
      for (let i = 0; i < r.int(1, 4); i++)
        add(`${base}/test/fixtures/${r.pick(WORDS)}-${i}.json`, jsonFixture(r, r.int(5, 300)));
    if (r.chance(0.15)) add(`${base}/openapi.yaml`, openapi(r, name));
    if (r.chance(0.2)) add(`${base}/docs/guide.md`, `---\ntitle: ${name}\n---\n\n# ${name}\n\nHow to use it.\n`);
    if (service) {
      add(
        `${base}/Dockerfile`,
        `FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "dist/index.js"]\n`,
      );
      const agent = r.chance(0.06);
      add(`deploy/k8s/${name}/deployment.yaml`, k8sManifest(r, name, agent), agent ? 'k8s-workload' : undefined);
      if (r.chance(0.5))
        add(
          `deploy/k8s/${name}/hpa.yaml`,
          `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }\n  minReplicas: 2\n  maxReplicas: 10\n`,
        );
      if (r.chance(0.3))
        add(
          `deploy/k8s/${name}/networkpolicy.yaml`,
          `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n  policyTypes: [Ingress, Egress]\n  egress:\n    - to:\n        - namespaceSelector: {}\n`,
        );
      if (r.chance(0.3))
        add(
          `deploy/k8s/${name}/ingress.yaml`,
          `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\nspec:\n  rules:\n    - host: ${name}.acme.example\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: { name: ${name}, port: { number: 80 } }\n`,
        );
      add(
        `deploy/k8s/${name}/kustomization.yaml`,
        `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n`,
      );
      if (r.chance(0.2)) {
        add(`charts/${name}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
        add(
          `charts/${name}/values.yaml`,
          `replicaCount: 2\nimage:\n  repository: ghcr.io/acme/${name}\n  tag: "1.0"\n`,
        );
        add(`charts/${name}/templates/deployment.yaml`, helmTemplate(name));
      }
      if (r.chance(0.35)) {
        const agentCompose = r.chance(0.08);
        add(`${base}/docker-compose.yml`, compose(r, name, agentCompose), agentCompose ? 'compose-service' : undefined);
      }
      const agentWorkflow = r.chance(0.05);
      add(
        `.github/workflows/${name}.yml`,
        workflow(r, name, agentWorkflow),
        agentWorkflow ? 'workflow-job' : undefined,
      );
    }
    // Agent settings and MCP configs live in a few packages, as in real monorepos.
    if (r.chance(0.04)) add(`${base}/.mcp.json`, mcpJson(r), 'mcp-server');
    if (r.chance(0.02)) add(`${base}/.cursor/mcp.json`, mcpJson(r), 'mcp-server');
    if (r.chance(0.02))
      add(
        `${base}/.vscode/mcp.json`,
        JSON.stringify({ servers: { local: { command: 'uvx', args: ['acme-mcp'] } } }, null, 2) + '\n',
        'mcp-server',
      );
    if (r.chance(0.03)) add(`${base}/.claude/settings.json`, claudeSettings(r), 'agent-config');
    if (r.chance(0.02)) add(`${base}/.codex/config.toml`, codexToml(r), 'agent-config');
    if (r.chance(0.02))
      add(
        `${base}/.gemini/settings.json`,
        JSON.stringify({ tools: { sandbox: r.chance(0.5) } }, null, 2) + '\n',
        'agent-config',
      );
    if (r.chance(0.02)) add(`${base}/.devcontainer/devcontainer.json`, devcontainer(r, r.chance(0.5)));
    if (r.chance(0.1))
      add(`${base}/.vscode/settings.json`, JSON.stringify({ 'editor.formatOnSave': true }, null, 2) + '\n');
  }

  // Only ever replace an earlier generated tree: a mistyped --out must not wipe someone's folder.
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, '.git', 'bench-manifest.json'))) {
    throw new Error(`${dir} exists and is not a generated monorepo; refusing to overwrite it`);
  }
  rmSync(dir, { recursive: true, force: true });
  const made = new Set();
  const write = (file, text) => {
    const folder = path.dirname(path.join(dir, file));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path.join(dir, file), text);
  };
  for (const [file, text] of files) write(file, text);
  // Ignored dependencies full of agent configs: a scan that reads them reports deployments under node_modules/.
  const deps = Math.min(2000, Math.ceil(count / 40));
  for (let i = 0; i < deps; i++) {
    const base = `node_modules/${r.pick(WORDS)}-dep-${i}`;
    write(`${base}/package.json`, packageJson(r, `dep-${i}`, []));
    write(`${base}/index.js`, sourceFile(r, 'ts', `dep${i}`));
    write(`${base}/.github/workflows/claude.yml`, workflow(r, `dep-${i}`, true));
    write(`${base}/.mcp.json`, mcpJson(r));
    write(`${base}/deploy/agent.yaml`, k8sManifest(r, `dep-${i}`, true));
  }
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, [
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.invalid',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '-m',
    'synthetic monorepo',
  ]);

  const byCategory = {};
  for (const file of files.keys()) {
    const category = categorise(file);
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  // A deterministic pull request of 10 files: an agent workload, Compose service and workflow job
  // (so cross-file facts are looked up), the rest source files. Root settings are left out: a change
  // to what other files load makes a changed-scope run a full scan, which the full-scan rows measure.
  const all = [...files.keys()];
  const firstAgent = (kind) => agents.find((a) => a.kind === kind && !a.file.startsWith('.'))?.file;
  const picked = [
    firstAgent('k8s-workload'),
    firstAgent('compose-service'),
    agents.find((a) => a.kind === 'workflow-job' && a.file !== '.github/workflows/claude.yml')?.file,
  ].filter(Boolean);
  const changed = [...picked, ...all.filter((f) => f.endsWith('.ts')).slice(0, 10 - picked.length)];
  const manifest = {
    generator: GENERATOR_VERSION,
    seed,
    count: files.size,
    nodeModulesFiles: deps * 5,
    byCategory,
    agents,
    changed,
  };
  writeFileSync(path.join(dir, '.git', 'bench-manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

function categorise(file) {
  if (file.startsWith('.github/workflows/')) return 'workflow';
  if (file.startsWith('deploy/k8s/')) return 'kubernetes';
  if (file.startsWith('charts/')) return 'helm';
  if (/(^|\/)(docker-)?compose\.ya?ml$/.test(file)) return 'compose';
  if (/(^|\/)(\.mcp\.json|mcp\.json)$/.test(file)) return 'mcp';
  if (/(^|\/)\.(claude|codex|gemini|devcontainer)\//.test(file)) return 'agent-settings';
  if (/\.(ya?ml|json)$/.test(file)) return 'other-yaml-json';
  return 'source-and-docs';
}

function git(cwd, args) {
  execFileSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The cached repository for (seed, count), generated on first use; returns its directory and manifest. */
export function cachedRepo(cacheDir, seed, count) {
  const dir = path.join(cacheDir, `monorepo-s${seed}-n${count}-g${GENERATOR_VERSION}`);
  const manifestFile = path.join(dir, '.git', 'bench-manifest.json');
  if (existsSync(manifestFile)) return { dir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')), cached: true };
  mkdirSync(cacheDir, { recursive: true });
  return { dir, manifest: generate({ seed, count, dir }), cached: false };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const seed = Number(arg('seed', '1'));
  const count = Number(arg('files', '5000'));
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 50) {
    process.stderr.write('usage: gen-monorepo.mjs [--seed N] [--files N>=50] [--out DIR]\n');
    process.exit(2);
  }
  const out = arg('out', undefined);
  const started = Date.now();
  const result = out
    ? { dir: out, manifest: generate({ seed, count, dir: path.resolve(out) }) }
    : cachedRepo(path.resolve('.bench'), seed, count);
  process.stdout.write(
    `${result.dir}: ${JSON.stringify(result.manifest.byCategory)}, ${result.manifest.agents.length} agent files (${Date.now() - started} ms)\n`,
  );
}
