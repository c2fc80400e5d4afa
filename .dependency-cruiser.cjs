/**
 * Import boundaries of src/ (`npm run deps`). The layers below are the diagram in docs/development.md:
 * a module may import its own layer or any layer below it, never one above, and no import cycle exists.
 * Within the adapters layer, no ecosystem folder imports a sibling ecosystem folder (shared knowledge
 * lives in a lower layer: the model, the agent catalogue, the shell and container readers).
 */

/** Bottom first. Each entry lists the folders (`name/`) and root files (`name.ts`) of one layer. */
const LAYERS = [
  { name: 'util', members: ['util/', 'errors.ts', 'version.ts'] },
  { name: 'documents', members: ['documents/'] },
  { name: 'model', members: ['model/', 'model.ts', 'secrets.ts'] },
  { name: 'discovery', members: ['discovery/'] },
  { name: 'agents', members: ['agents/'] },
  { name: 'shared readers', members: ['shell/', 'containers/'] },
  { name: 'adapters', members: ['adapters/'] },
  { name: 'rules', members: ['rules/'] },
  { name: 'policy', members: ['policy/'] },
  { name: 'engine', members: ['engine/'] },
  { name: 'report', members: ['report/'] },
  { name: 'github', members: ['github/'] },
  { name: 'entries', members: ['cli/', 'action/', 'index.ts'] },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const member = (m) => (m.endsWith('/') ? escape(m) : `${escape(m)}$`);
const pathOf = (members) => `^src/(${members.map(member).join('|')})`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name.replace(/ /g, '-')}`,
  comment: `${layer.name} may import only its own layer and those below it (${
    LAYERS.slice(0, i)
      .map((l) => l.name)
      .join(', ') || 'none'
  }); see the layer diagram in docs/development.md`,
  severity: 'error',
  from: { path: pathOf(layer.members) },
  to: { path: pathOf(LAYERS.slice(i + 1).flatMap((l) => l.members)) },
}));

/** No adapter folder imports a sibling adapter folder. */
const noSiblingAdapter = {
  name: 'no-sibling-adapter',
  comment: 'An adapter folder never imports another adapter folder: shared knowledge belongs to a lower layer.',
  severity: 'error',
  from: { path: '^src/adapters/([^/]+)/' },
  to: { path: '^src/adapters/[^/]+/', pathNot: '^src/adapters/$1/' },
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No import cycle between modules. A type-only import inside one folder (a reader and the dispatcher that takes it as a parameter) does not count: it has no runtime order; cycles between folders are caught below whatever their kind.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-folder-cycle',
      comment: 'No cycle between folders either (a folder importing another that imports it back).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    noSiblingAdapter,
    {
      name: 'no-cli-action-cross',
      comment: 'The CLI and the action are independent entries over the same core.',
      severity: 'error',
      from: { path: '^src/(cli|action)/' },
      to: { path: '^src/(cli|action)/', pathNot: '^src/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'Shipped code does not import a development dependency.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
