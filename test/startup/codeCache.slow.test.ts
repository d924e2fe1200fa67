// The code cache of the shipped bundles: `memhints check` and the language
// server give the same output whether their cache is missing, valid, corrupt or
// stale, and keep none with MEMHINTS_CACHE_DIR=off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Script } from 'node:vm';
import { readCodeCache, writeCodeCache } from '../../server/src/startup/codeCacheFile';
import { project } from '../support/cli';
import { LspTestClient } from '../support/lspClient';
import { CLI_BIN } from '../support/paths';

const SOURCE =
  'import pandas as pd\n\nfor row in list(range(10**6)):\n    print(row)\nrows = pd.read_csv("a.csv", low_memory=False)\n';

function cacheFolder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-code-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function check(cwd: string, cacheDir: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI_BIN, 'check', '--format', 'json', 'a.py'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MEMHINTS_CACHE_DIR: cacheDir },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The one cache file in `dir` whose name starts with `bundle`, and the key its header names. */
function cacheOf(dir: string, bundle: string): { file: string; key: string } {
  const files = readdirSync(dir).filter((name) => name.startsWith(`${bundle}-`));
  assert.equal(files.length, 1, `one cache of ${bundle}: ${readdirSync(dir).join(', ')}`);
  const file = join(dir, files[0]!);
  return { file, key: readFileSync(file, 'latin1').split('\n')[1]! };
}

function corrupt(file: string): void {
  const bytes = readFileSync(file);
  for (let at = bytes.length >> 1; at < bytes.length; at += 997) bytes[at]! ^= 0x5a;
  writeFileSync(file, bytes);
}

test('memhints check gives the same output without a cache, with one, and with a corrupt or stale one', (t) => {
  const cwd = project(t, { 'a.py': SOURCE });
  const cacheDir = cacheFolder(t);
  const first = check(cwd, cacheDir);
  assert.equal(first.status, 1, first.stderr);
  assert.ok(JSON.parse(first.stdout).length >= 2, first.stdout);
  const { file, key } = cacheOf(cacheDir, 'cliMain');
  assert.deepEqual(check(cwd, cacheDir), first, 'with the cache');

  corrupt(file);
  assert.equal(readCodeCache(file, key), undefined);
  assert.deepEqual(check(cwd, cacheDir), first, 'with a corrupt cache');
  assert.notEqual(readCodeCache(file, key), undefined, 'made again');

  writeCodeCache(file, key, new Script('(function () { return 1; })').createCachedData());
  assert.deepEqual(check(cwd, cacheDir), first, 'with a stale cache');
  assert.ok((readCodeCache(file, key)?.length ?? 0) > 10_000, 'made again from the bundle');

  const off = check(cwd, 'off');
  assert.deepEqual(off, first, 'with no cache');
});

function hasValidCache(dir: string): boolean {
  return readdirSync(dir).some((name) => {
    const file = join(dir, name);
    return readCodeCache(file, readFileSync(file, 'latin1').split('\n')[1] ?? '') !== undefined;
  });
}

async function serverDiagnostics(t: TestContext, cacheDir: string): Promise<unknown> {
  const client = LspTestClient.start(t, { env: { MEMHINTS_CACHE_DIR: cacheDir } });
  await client.initialize();
  const published = await client.didOpen('file:///cache/a.py', SOURCE);
  // The server writes its cache a moment after its first diagnostics, when it has no valid one.
  for (let waited = 0; waited < 10_000 && cacheDir !== 'off' && !hasValidCache(cacheDir); waited += 100)
    await sleep(100);
  await client.shutdown();
  return published.diagnostics;
}

test('the language server publishes the same diagnostics with a valid, a corrupt and no cache', async (t) => {
  const cacheDir = cacheFolder(t);
  const first = await serverDiagnostics(t, cacheDir);
  assert.ok(Array.isArray(first) && first.length >= 2, JSON.stringify(first));
  const { file, key } = cacheOf(cacheDir, 'serverMain');
  assert.deepEqual(await serverDiagnostics(t, cacheDir), first, 'with the cache');
  corrupt(file);
  assert.deepEqual(await serverDiagnostics(t, cacheDir), first, 'with a corrupt cache');
  assert.notEqual(readCodeCache(file, key), undefined, 'made again');
  assert.deepEqual(await serverDiagnostics(t, 'off'), first, 'with no cache');
});
