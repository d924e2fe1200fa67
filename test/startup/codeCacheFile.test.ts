// The file a bundle's compiled code is kept in, and the folder it is kept in.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { codeCacheDir } from '../../server/src/startup/codeCacheDir';
import { readCodeCache, writeCodeCache } from '../../server/src/startup/codeCacheFile';

function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const DATA = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff));

test('what was written is read back, for the key it was written for only', (t) => {
  const file = join(folder(t), 'nested', 'cliMain-0.v8cache');
  writeCodeCache(file, 'key one', DATA);
  assert.deepEqual(readCodeCache(file, 'key one'), DATA);
  assert.equal(readCodeCache(file, 'key two'), undefined);
  assert.deepEqual(readdirSync(join(file, '..')), ['cliMain-0.v8cache'], 'no temporary file is left behind');
});

test('a file changed, cut short or missing is not read', (t) => {
  const dir = folder(t);
  const file = join(dir, 'a.v8cache');
  writeCodeCache(file, 'k', DATA);
  const whole = readFileSync(file);
  for (const at of [0, 30, whole.length - DATA.length + 100, whole.length - 1]) {
    const changed = Buffer.from(whole);
    changed[at]! ^= 0x01;
    writeFileSync(file, changed);
    assert.equal(readCodeCache(file, 'k'), undefined, `byte ${at} changed`);
  }
  writeFileSync(file, whole.subarray(0, whole.length - 1));
  assert.equal(readCodeCache(file, 'k'), undefined, 'cut short');
  writeFileSync(file, '');
  assert.equal(readCodeCache(file, 'k'), undefined, 'empty');
  assert.equal(readCodeCache(join(dir, 'none.v8cache'), 'k'), undefined, 'missing');
});

test('a cache that cannot be written costs nothing but the cache', (t) => {
  const dir = folder(t);
  writeFileSync(join(dir, 'file'), '');
  // Its folder would have to be made inside a regular file.
  assert.doesNotThrow(() => writeCodeCache(join(dir, 'file', 'a.v8cache'), 'k', DATA));
  assert.deepEqual(readdirSync(dir), ['file']);
});

test('the folder: MEMHINTS_CACHE_DIR, or off, else the platform user cache', () => {
  assert.equal(codeCacheDir({ MEMHINTS_CACHE_DIR: '/tmp/x' }, 'linux'), '/tmp/x');
  assert.equal(codeCacheDir({ MEMHINTS_CACHE_DIR: 'off' }, 'linux'), undefined);
  assert.equal(codeCacheDir({ MEMHINTS_CACHE_DIR: ' OFF ' }, 'win32'), undefined);
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/c' }, 'linux'), '/c/memhints');
  assert.equal(codeCacheDir({ MEMHINTS_CACHE_DIR: '', XDG_CACHE_HOME: '/c' }, 'linux'), '/c/memhints');
  // XDG's rule: a relative path is ignored.
  assert.match(codeCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux') ?? '', /\/\.cache\/memhints$/);
  assert.match(codeCacheDir({}, 'darwin') ?? '', /\/Library\/Caches\/memhints$/);
  assert.equal(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')?.endsWith('Cache'), true);
});
