// Keeps the arrows of docs/ARCHITECTURE.md one-way: core <- config <- providers <- pipeline <- API surfaces <- apps/gateway,
// with observers (metrics, auth, health) beside the surfaces. A lib is used only through its index (@modelgate/x).
const LAYERS = {
  core: [],
  config: ['core'],
  storage: ['core', 'config'],
  pricing: ['core', 'config'],
  providers: ['core', 'config', 'storage'],
  resilience: ['core', 'config'],
  // The one model-call path: between the providers and the surfaces that serve model requests.
  pipeline: ['core', 'config', 'providers'],
  // The response cache: pipeline policies, prices for what a hit saved.
  cache: ['core', 'config', 'pricing', 'providers', 'pipeline'],
  // Request policies on the pipeline (the composition root registers them).
  guardrails: ['core', 'config', 'storage', 'providers', 'pipeline'],
  auth: ['core', 'config', 'storage'],
  metrics: ['core', 'config', 'resilience', 'cache'],
  usage: ['core', 'config', 'storage'],
  audit: ['core', 'config', 'storage'],
  health: ['core', 'config', 'providers', 'resilience', 'usage', 'audit', 'cache'],
  models: ['core', 'config', 'providers'],
  chat: ['core', 'config', 'providers', 'pipeline'],
  embeddings: ['core', 'config', 'providers', 'pipeline'],
  audio: ['core', 'config', 'providers', 'pipeline'],
  admin: ['core', 'config', 'providers', 'resilience', 'storage', 'auth', 'cache', 'guardrails'],
  conversations: ['core', 'config', 'storage'],
  messages: ['core', 'config', 'providers', 'pipeline', 'chat', 'batches'],
  responses: ['core', 'config', 'providers', 'pipeline', 'chat', 'storage', 'conversations'],
  passthrough: ['core', 'config', 'providers', 'pipeline'],
  files: ['core', 'config', 'providers', 'storage'],
  batches: ['core', 'config', 'providers', 'pipeline', 'storage'],
};

const layerRules = Object.entries(LAYERS).map(([lib, allowed]) => ({
  name: `layer-${lib}`,
  comment: `libs/${lib} may depend on: ${allowed.join(', ') || 'no other lib'}`,
  severity: 'error',
  from: { path: `^libs/${lib}/src/` },
  to: { path: '^libs/([^/]+)/', pathNot: [`^libs/(${[lib, ...allowed].join('|')})/`] },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    {
      name: 'no-deep-import-across-libs',
      comment: 'Import another lib through @modelgate/<lib> (its index.ts), never its internals.',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: {
        path: '^libs/([^/]+)/(src|dist)/',
        pathNot: ['^libs/$2/', '^libs/[^/]+/(src|dist)/index\\.(ts|js|d\\.ts)$', '^libs/providers/(src|dist)/testing/index\\.'],
      },
    },
    {
      name: 'no-provider-cross-imports',
      comment: 'A provider folder never imports another provider folder; shared code lives in http/ or the lib root.',
      severity: 'error',
      from: { path: '^libs/providers/src/([^/]+)/' },
      to: { path: '^libs/providers/src/[^/]+/', pathNot: ['^libs/providers/src/$1/', '^libs/providers/src/(http|testing)/'] },
    },
    {
      name: 'libs-not-to-app-or-tests',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|test)/' },
    },
    {
      name: 'no-testing-code-in-production',
      comment: 'Only specs and tests use the mock upstream, fixtures, test servers and store contracts.',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: ['\\.spec\\.ts$', '^libs/[^/]+/src/(testing|contract)/'] },
      to: { path: '^libs/[^/]+/(src|dist)/(testing|contract)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/|^bench/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.lint.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.js', '.d.ts'],
    },
  },
};
