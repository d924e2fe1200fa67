// The layering of server/src, checked by `npm run lint` (depcruise), so that it
// cannot drift back. Each folder lists what it may import from server/src besides
// itself; anything else is an error. The lists are the imports the code has
// (npx depcruise server/src client/src -T json), with the edges that break the
// layering kept out of them: those are listed in knownViolations below.

/** server/src folder (or top-level file) → the folders and files of server/src it may import. */
const LAYERS = {
  // The pure CPython size model.
  sizes: ['text'],
  // Shortcuts read from the text alone.
  text: [],
  // Text, parse trees, regions, limits, positions.
  document: ['text'],
  // Scopes, bindings, uses, facts over the tree; constants folded with the size model's Python values.
  semantics: ['document', 'text', 'sizes'],
  // Reads of data files and what they will hold, from the files' metadata and a sample.
  data: ['semantics', 'sizes'],
  // Syntax-driven size estimators.
  estimates: ['sizes', 'semantics'],
  scale: ['data', 'sizes', 'estimates', 'semantics'],
  // One file per rule, helpers that serve one rule in rules/<rule>/.
  rules: ['data', 'document', 'text', 'semantics', 'sizes', 'scale'],
  // Settings, pyproject, project config: they name rules and the defaults of the layers they configure.
  config: ['data', 'document', 'rules', 'scale', 'sizes'],
  // The incremental engine: runs the rules over a document.
  engine: ['config', 'data', 'document', 'text', 'semantics', 'rules', 'scale', 'sizes'],
  docs: ['rules'],
  notebooks: ['document', 'rules'],
  measure: ['sizes'],
  // The top layers.
  features: ['config', 'data', 'docs', 'document', 'engine', 'estimates', 'notebooks', 'rules', 'semantics', 'sizes'],
  cli: ['config', 'data', 'docs', 'document', 'engine', 'measure', 'notebooks', 'rules', 'scale', 'sizes', 'startup', 'text'],
  // The language server's own machinery: what the client has queued, where each document is checked, the analysis thread.
  lsp: ['config', 'data', 'document', 'engine', 'features', 'rules'],
  // The language server's transport, and what it does with a message it cannot read.
  'serverConnection.ts': ['lsp'],
  // Loading a bundle with the code V8 compiled for it in an earlier run, and a bundle's offer of its code.
  startup: [],
  // The bundles' entry points: server.ts and cli.ts run serverMain.ts's and cliMain.ts's bundles.
  'server.ts': ['startup'],
  'serverMain.ts': [
    'config',
    'data',
    'document',
    'engine',
    'features',
    'lsp',
    'notebooks',
    'serverConnection.ts',
    'sizes',
    'startup',
  ],
  'cli.ts': ['startup'],
  'cliMain.ts': ['cli'],
};

/** What client/src may import from server/src (bundled into the extension host). */
const CLIENT_MAY_IMPORT = ['measure', 'sizes', 'features/lineEstimatesProtocol.ts'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A path pattern for a server/src folder ('sizes') or file ('server.ts', 'features/x.ts'). */
const serverPath = (part) => `^server/src/${escape(part)}${part.endsWith('.ts') ? '$' : '/'}`;

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `server/src/${layer} may import from server/src only ${allowed.length > 0 ? allowed.join(', ') : 'itself'}.`,
  severity: 'error',
  from: { path: serverPath(layer) },
  to: { path: '^server/src/', pathNot: [layer, ...allowed].map(serverPath) },
}));

/** Edges that break the layering today: each is to be removed, not allowed. */
const KNOWN_VIOLATIONS = [
];

/** Import cycles today, each through a type-only import; to be removed, not allowed. */
const KNOWN_CYCLES = [
  // To be removed: cpython.ts re-exports versions.ts, which takes the CPythonLayout type from cpython.ts.
  ['server/src/sizes/cpython.ts', 'server/src/sizes/versions.ts'],
  // To be removed: Estimate and NumberKind are typed in terms of each other's modules.
  ['server/src/sizes/compactForms.ts', 'server/src/sizes/sizeEstimate.ts'],
  // To be removed: checkNotebook.ts takes FileCheck and FileOutcome from checkFile.ts, which calls it.
  ['server/src/cli/checkFile.ts', 'server/src/cli/checkNotebook.ts'],
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layer-listed',
      comment: 'Every folder of server/src is a layer with its imports listed in LAYERS.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: Object.keys(LAYERS).map(serverPath) },
      to: {},
    },
    {
      name: 'client-imports',
      comment: `client/src may import from server/src only ${CLIENT_MAY_IMPORT.join(', ')} (never the CLI).`,
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: '^server/src/', pathNot: CLIENT_MAY_IMPORT.map(serverPath) },
    },
    {
      name: 'rule-helpers-of-their-rule',
      comment: 'rules/<rule>/ serves rules/<rule>.ts alone: no other rule, helper folder or layer imports it.',
      severity: 'error',
      from: { path: '^(server|client)/src/', pathNot: '^server/src/rules/(mem[0-9]+-[^/]+)(\\.ts$|/)' },
      to: { path: '^server/src/rules/[^/]+/' },
    },
    {
      name: 'rule-helpers-of-their-rule-only',
      comment: 'A rule and its helper folder import no other rule’s helper folder.',
      severity: 'error',
      from: { path: '^server/src/rules/(mem[0-9]+-[^/]+)(\\.ts$|/)' },
      to: { path: '^server/src/rules/[^/]+/', pathNot: '^server/src/rules/$1/' },
    },
    {
      name: 'product-imports-no-tests',
      comment: 'server/src and client/src never import the tests, the benchmark or the scripts.',
      severity: 'error',
      from: { path: '^(server|client)/src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-circular',
      comment: 'No module imports itself through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules|grammars|docs)/|^test/fixtures/' },
    // Type-only imports count: they tie the layers together as much as value imports.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    knownViolations: [
      ...KNOWN_VIOLATIONS.map(([rule, from, to]) => ({ type: 'dependency', from, to, rule: { severity: 'error', name: rule } })),
      // A known cycle matches whichever of its modules it is reported from.
      ...KNOWN_CYCLES.map((cycle) => ({
        type: 'cycle',
        from: cycle[0],
        to: cycle[1],
        cycle: cycle.map((name) => ({ name, dependencyTypes: [] })),
        rule: { severity: 'error', name: 'no-circular' },
      })),
    ],
  },
};
