// Reading and writing back Python files.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSource, SourceError, writeSourceIfUnchanged } from '../../server/src/cli/source';
import { project } from '../support/cli';

test('a byte order mark is kept out of the text and written back', (t) => {
  const root = project(t, { 'a.py': Buffer.from([0xef, 0xbb, 0xbf, 0x78, 0x0a]) });
  const file = join(root, 'a.py');
  const source = readSource(file);
  assert.equal(source.text, 'x\n');
  writeSourceIfUnchanged(file, source, 'y\n');
  assert.deepEqual([...readFileSync(file)], [0xef, 0xbb, 0xbf, 0x79, 0x0a]);
});

test('the fixed text is not written over a file that changed since it was read', (t) => {
  const root = project(t, { 'a.py': 'x = 1\n' });
  const file = join(root, 'a.py');
  const source = readSource(file);
  writeFileSync(file, 'x = 2\n');
  assert.throws(
    () => writeSourceIfUnchanged(file, source, 'x = 3\n'),
    (error: unknown) => error instanceof SourceError && /changed on disk/.test(error.message),
  );
  assert.equal(readFileSync(file, 'utf8'), 'x = 2\n');
  assert.deepEqual(readdirSync(root), ['a.py'], 'no temporary file is left behind');
});

test('writing keeps the file mode and writes through a symbolic link', (t) => {
  const root = project(t, { 'real.py': 'x = 1\n' });
  const real = join(root, 'real.py');
  chmodSync(real, 0o751);
  const link = join(root, 'link.py');
  symlinkSync(real, link);
  writeSourceIfUnchanged(link, readSource(link), 'x = 2\n');
  assert.equal(readFileSync(real, 'utf8'), 'x = 2\n');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(readFileSync(link, 'utf8'), 'x = 2\n');
  assert.equal(statSync(real).mode & 0o777, 0o751);
  assert.deepEqual(readdirSync(root).sort(), ['link.py', 'real.py']);
});

test('invalid UTF-8 is a SourceError naming the offset where the bad sequence starts', (t) => {
  const cases: [number[], number][] = [
    [[0x61, 0xff, 0x62], 1], // a byte that never occurs in UTF-8
    [[0x61, 0x62, 0x80], 2], // a continuation byte with no lead
    [[0x61, 0xe2, 0x82, 0x61], 1], // a three-byte sequence cut short
    [[0x61, 0x62, 0xe2, 0x82], 2], // cut short by the end of the file
  ];
  for (const [bytes, offset] of cases) {
    const root = project(t, { 'a.py': Buffer.from(bytes) });
    assert.throws(
      () => readSource(join(root, 'a.py')),
      new SourceError(`cannot read: not valid UTF-8 (first bad byte at offset ${offset})`),
    );
  }
});
