// Runs a bundle (dist/cliMain.js, dist/serverMain.js) as node would require it,
// but compiled through vm.Script with the code V8 made for it in an earlier run.
// Node 20 has no compile cache of its own (module.enableCompileCache is 22.1's).
// Compiling the 1.7 MB bundle, and the functions a check then calls for the first
// time, is most of what a one-file `memhints check` costs over node's own start.
// The cache is made once a run has done its work (offerCodeCache), so it holds
// the functions that work compiled too.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { readCodeCache, writeCodeCache } from './codeCacheFile';
import { onCodeCacheOffer } from './codeCacheOffer';

/** What a cache is valid for: the bundle's path, size and time, and the runtime that compiles it. */
function cacheKey(bundle: string): string {
  const { size, mtimeMs } = statSync(bundle);
  const { node, v8, electron } = process.versions as NodeJS.ProcessVersions & { electron?: string };
  return JSON.stringify([bundle, size, mtimeMs, node, v8, electron ?? '', process.arch]);
}

/**
 * One file per bundle path: a rebuilt or upgraded bundle, or another node,
 * replaces its cache (the key in the file tells them apart), and two installs
 * keep a cache each.
 */
function cacheFileName(bundle: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bundle.length; i++) hash = Math.imul(hash ^ bundle.charCodeAt(i), 0x01000193);
  return `${basename(bundle, '.js')}-${(hash >>> 0).toString(16).padStart(8, '0')}.v8cache`;
}

/**
 * Runs `bundle` as a CommonJS module of its own; with the code cache in
 * `cacheDir` (codeCacheDir()) when it holds a valid one, and with none when undefined.
 */
export function runBundle(bundle: string, cacheDir: string | undefined): void {
  // The bundle is written as the function node's CommonJS loader would wrap it in
  // (scripts/build.mjs), in ASCII: Latin-1 reads it as it is, without UTF-8's checks.
  const source = readFileSync(bundle, 'latin1');
  let cacheFile: string | undefined;
  let key = '';
  let cachedData: Buffer | undefined;
  if (cacheDir !== undefined) {
    try {
      key = cacheKey(bundle);
      cacheFile = join(cacheDir, cacheFileName(bundle));
      cachedData = readCodeCache(cacheFile, key);
    } catch {
      cacheFile = undefined;
    }
  }
  // No import() runs in a bundle compiled so: node 20 finds no loader for a script
  // deserialised from a cache (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, even with
  // vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER). esbuild turns memhints' own into
  // require()s; web-tree-sitter's one is on a path memhints does not take (a grammar
  // loaded from a file name rather than from its bytes).
  const script = new Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const file = cacheFile;
    onCodeCacheOffer(() => writeCodeCache(file, key, script.createCachedData()));
  }
  const require = createRequire(bundle);
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false, require };
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
}
