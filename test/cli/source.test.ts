// Reading and writing back Python files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NotCheckable } from '../../server/src/cli/lint';
import { readSource, SourceError, writeSourceIfUnchanged } from '../../server/src/cli/source';
import { project } from '../support/cli';

const LIMIT = { bytes: 1024, note: 'see --max-file-size' };

test('a byte order mark is kept out of the text and written back', (t) => {
  const root = project(t, { 'a.py': Buffer.from([0xef, 0xbb, 0xbf, 0x78, 0x0a]) });
  const file = join(root, 'a.py');
  const source = readSource(file, LIMIT);
  assert.equal(source.text, 'x\n');
  writeSourceIfUnchanged(file, source, 'y\n');
  assert.deepEqual([...readFileSync(file)], [0xef, 0xbb, 0xbf, 0x79, 0x0a]);
});

test('the fixed text is not written over a file that changed since it was read', (t) => {
  const root = project(t, { 'a.py': 'x = 1\n' });
  const file = join(root, 'a.py');
  const source = readSource(file, LIMIT);
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
  writeSourceIfUnchanged(link, readSource(link, LIMIT), 'x = 2\n');
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
      () => readSource(join(root, 'a.py'), LIMIT),
      new SourceError(`cannot read: not valid UTF-8 (first bad byte at offset ${offset})`),
    );
  }
});

test('a file over the limit is not read whole: the message gives its size and how to raise the limit', (t) => {
  const root = project(t, { 'big.py': 'x = 1\n'.repeat(200), 'edge.py': 'x'.repeat(1024) });
  assert.equal(readSource(join(root, 'edge.py'), LIMIT).text.length, 1024);
  assert.throws(
    () => readSource(join(root, 'big.py'), LIMIT),
    new NotCheckable('it is 1.2 KiB (1,200 bytes), over the size limit of 1 KiB (1,024 bytes) (see --max-file-size)'),
  );
});

test('a FIFO or a device is not read: opening a FIFO would wait for a writer, a device never ends', (t) => {
  const root = project(t, {});
  const fifo = join(root, 'pipe.py');
  execFileSync('mkfifo', [fifo]);
  assert.throws(() => readSource(fifo, LIMIT), new NotCheckable('it is a FIFO, not a regular file'));
  const zero = join(root, 'zero.py');
  symlinkSync('/dev/zero', zero);
  assert.throws(() => readSource(zero, LIMIT), new NotCheckable('it is a device, not a regular file'));
});
