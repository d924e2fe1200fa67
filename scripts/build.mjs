// Copies the pinned grammar WASM into grammars/ (checking its sha256 against
// grammars/grammars.lock.json), bundles the extension, server and CLI, and puts the
// memory tracer (server/python/measure.py) beside them.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(join(root, 'grammars', 'grammars.lock.json'), 'utf8'));

for (const [file, pin] of Object.entries(lock)) {
  const packageDir = join(root, 'node_modules', pin.package);
  const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  if (installed !== pin.version) {
    throw new Error(`${pin.package} ${installed} is installed but grammars.lock.json pins ${pin.version}`);
  }
  const bytes = readFileSync(join(packageDir, file));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== pin.sha256) {
    throw new Error(`${file} from ${pin.package}@${pin.version} has sha256 ${sha256}, expected ${pin.sha256}`);
  }
  copyFileSync(join(packageDir, file), join(root, 'grammars', file));
}

// The bundles are CommonJS, so they take web-tree-sitter's CommonJS build: its
// ES module build reads import.meta.url, which is empty in a CommonJS bundle.
const requireResolution = {
  name: 'require-resolution',
  setup(build) {
    const require = createRequire(import.meta.url);
    build.onResolve({ filter: /^web-tree-sitter$/ }, (args) => ({ path: require.resolve(args.path) }));
    // jsonc-parser's CommonJS (UMD) build loads its parts with a require() that a bundle cannot follow.
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: require.resolve('jsonc-parser/lib/esm/main.js') }));
  },
};

const common = {
  bundle: true,
  plugins: [requireResolution],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
// The bundles a process starts on. Without whitespace esbuild keeps no comments, whose
// characters beyond ASCII (…, →) made the whole 1.7 MB a two-byte string: reading it
// took node 13-20 ms instead of 3-5 ms, and compiling it more. Names stay, for stack traces.
const started = { ...common, minifyWhitespace: true };
// The bundles runBundle compiles itself (server/src/startup/runBundle.ts) are written as the
// function node's loader would wrap them in, so that it compiles the file's text as read,
// with no copy of 1.3-1.5 MB joined to a wrapper first.
const WRAPPER_PARAMETERS = 'exports, require, module, __filename, __dirname';
const wrapped = {
  ...started,
  banner: { js: `(function (${WRAPPER_PARAMETERS}) {` },
  footer: { js: '})' },
};
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'client/src/extension.ts')],
    outfile: join(root, 'dist/extension.js'),
    external: ['vscode'],
  }),
  // dist/server.js and dist/cli.js are small: they run the bundles beside them,
  // dist/serverMain.js and dist/cliMain.js, with V8's code cache (server/src/startup/runBundle.ts).
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'server/src/server.ts')],
    outfile: join(root, 'dist/server.js'),
  }),
  esbuild.build({
    ...wrapped,
    entryPoints: [join(root, 'server/src/serverMain.ts')],
    outfile: join(root, 'dist/serverMain.js'),
  }),
  esbuild.build({ ...common, entryPoints: [join(root, 'server/src/cli.ts')], outfile: join(root, 'dist/cli.js') }),
  esbuild.build({
    ...wrapped,
    entryPoints: [join(root, 'server/src/cliMain.ts')],
    outfile: join(root, 'dist/cliMain.js'),
  }),
  // Started by dist/server.js as a worker thread (the analysis thread), so it sits beside it.
  esbuild.build({
    ...started,
    entryPoints: [join(root, 'server/src/lsp/analysisWorker.ts')],
    outfile: join(root, 'dist/analysisWorker.js'),
  }),
  // Started by dist/cli.js as a worker thread (`memhints check --jobs N`), so it sits beside it.
  esbuild.build({
    ...started,
    entryPoints: [join(root, 'server/src/cli/checkWorker.ts')],
    outfile: join(root, 'dist/checkWorker.js'),
  }),
]);

// runBundle reads these as Latin-1, which is their text only while they are ASCII.
for (const name of ['serverMain.js', 'cliMain.js']) {
  const bytes = readFileSync(join(root, 'dist', name));
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at !== -1) throw new Error(`dist/${name} has a byte beyond ASCII at ${at}: ${bytes.subarray(at - 40, at + 40)}`);
  const text = bytes.toString('latin1');
  if (!text.startsWith(`(function (${WRAPPER_PARAMETERS}) {`)) throw new Error(`dist/${name} is not wrapped`);
}

// The tracer that `memhints measure` and the editor's measure command run under python3; beside the bundles that start it.
mkdirSync(join(root, 'dist'), { recursive: true });
copyFileSync(join(root, 'server/python/measure.py'), join(root, 'dist/measure.py'));
