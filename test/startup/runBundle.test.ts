// Running a bundle with the code cache: made once the bundle offers it, used by
// the next run, and ignored (then made again) when corrupt or stale, with the
// same result every time. Each run is a node process of its own, as each
// `memhints check` is: within one process V8 keeps what it compiled, and the
// file would not be read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { Script } from 'node:vm';
import { readCodeCache, writeCodeCache } from '../../server/src/startup/codeCacheFile';

/** A bundle that computes something, reports it, and offers its code, as dist/cliMain.js does after a check. */
function bundle(t: TestContext): { file: string; cacheDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-bundle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'main.js');
  writeFileSync(
    file,
    // Wrapped as scripts/build.mjs wraps dist/cliMain.js.
    `(function (exports, require, module, __filename, __dirname) {
const { join } = require('node:path');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
process.stdout.write(fib(15) + ':' + join(__dirname, 'x') + ':' + (module.exports === exports));
globalThis[Symbol.for('memhints.saveCodeCache')]?.();
})
`,
  );
  return { file, cacheDir: join(dir, 'cache') };
}

const RUN_BUNDLE = require.resolve('../../server/src/startup/runBundle');

/** What the bundle printed, run by runBundle in a node process of its own. */
function run(file: string, cacheDir: string | undefined): string {
  const script = `require(${JSON.stringify(RUN_BUNDLE)}).runBundle(process.argv[1], process.argv[2])`;
  return execFileSync(process.execPath, ['-e', script, file, ...(cacheDir === undefined ? [] : [cacheDir])], {
    encoding: 'utf8',
  });
}

function cacheFile(cacheDir: string): string {
  const files = readdirSync(cacheDir);
  assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
  assert.match(files[0]!, /^main-[0-9a-f]{8}\.v8cache$/);
  return join(cacheDir, files[0]!);
}

/** The key the file was written for: its header's second line. */
function keyOf(file: string): string {
  return readFileSync(file, 'latin1').split('\n')[1]!;
}

test('the first run makes the cache and the next one uses it, with the same result', (t) => {
  const { file, cacheDir } = bundle(t);
  const expected = `610:${join(file, '..', 'x')}:true`;
  assert.equal(run(file, cacheDir), expected);
  const cache = cacheFile(cacheDir);
  const made = readFileSync(cache);
  const { mtimeMs } = statSync(cache);
  assert.equal(run(file, cacheDir), expected);
  assert.deepEqual(readFileSync(cache), made);
  assert.equal(statSync(cache).mtimeMs, mtimeMs, 'a cache that was used is not written again');
});

test('a corrupt cache is ignored and made again', (t) => {
  const { file, cacheDir } = bundle(t);
  const expected = run(file, cacheDir);
  const cache = cacheFile(cacheDir);
  const bytes = readFileSync(cache);
  bytes[bytes.length - 40]! ^= 0xff;
  writeFileSync(cache, bytes);
  assert.equal(readCodeCache(cache, keyOf(cache)), undefined);
  assert.equal(run(file, cacheDir), expected);
  assert.notEqual(readCodeCache(cache, keyOf(cache)), undefined, 'made again, whole');
});

test("a stale cache (V8's data for another source) is ignored by V8 and made again", (t) => {
  const { file, cacheDir } = bundle(t);
  const expected = run(file, cacheDir);
  const cache = cacheFile(cacheDir);
  const key = keyOf(cache);
  // Intact, for the right key, but compiled from another text: V8 itself refuses it.
  const other = new Script(`(function () { return ${JSON.stringify(cacheDir)}; })`).createCachedData();
  writeCodeCache(cache, key, other);
  assert.equal(run(file, cacheDir), expected);
  const remade = readCodeCache(cache, key);
  assert.ok(remade && !remade.equals(other), 'made again from the bundle');
});

test('a bundle changed since its cache was made replaces it', (t) => {
  const { file, cacheDir } = bundle(t);
  run(file, cacheDir);
  const cache = cacheFile(cacheDir);
  const before = keyOf(cache);
  writeFileSync(file, `${readFileSync(file, 'utf8')}// changed\n`);
  assert.equal(run(file, cacheDir).startsWith('610:'), true);
  assert.equal(cacheFile(cacheDir), cache, 'the same file');
  const after = keyOf(cache);
  assert.notEqual(after, before);
  assert.notEqual(readCodeCache(cache, after), undefined);
});

test('without a cache folder nothing is written and the bundle runs', (t) => {
  const { file, cacheDir } = bundle(t);
  assert.equal(run(file, undefined).startsWith('610:'), true);
  assert.throws(() => readdirSync(cacheDir), /ENOENT/);
});
