import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openFileBindings } from '../../server/src/rules/open-files';
import { parsed } from '../support/tree';

/** The modes of the file named `f` where `f.read` stands, or undefined when it is not known to be a file. */
async function modesAtUse(source: string): Promise<string[] | undefined> {
  const { facts, at } = await parsed(source);
  return openFileBindings(facts, at('f.read', 0, 'identifier'))?.map((opening) => opening.mode);
}

test('files opened by with or assignment, with their text or binary mode', async () => {
  assert.deepEqual(await modesAtUse('with open(p) as f:\n    f.read()\n'), ['text']);
  assert.deepEqual(await modesAtUse('with (open(p, "rb") as f):\n    f.read()\n'), ['binary']);
  assert.deepEqual(await modesAtUse('f = open(p, mode="r" "t")\nf.read()\n'), ['text']);
  assert.deepEqual(await modesAtUse('import gzip\nwith gzip.open(p) as f:\n    f.read()\n'), ['binary']);
  assert.deepEqual(await modesAtUse('import lzma\nf = lzma.open(p, "rt")\nf.read()\n'), ['text']);
  assert.deepEqual(await modesAtUse('from pathlib import Path\nwith Path(p).open("rb") as f:\n    f.read()\n'), [
    'binary',
  ]);
  assert.deepEqual(await modesAtUse('import codecs\nwith codecs.open(p) as f:\n    f.read()\n'), ['unknown']);
  assert.deepEqual(await modesAtUse('import gzip\nwith gzip.GzipFile(p, mode="rb") as f:\n    f.read()\n'), ['binary']);
  assert.deepEqual(await modesAtUse('with open(p, mode) as f:\n    f.read()\n'), ['unknown']);
  assert.deepEqual(await modesAtUse('with open(p) as f:\n    pass\nwith open(q, "rb") as f:\n    f.read()\n'), [
    'text',
    'binary',
  ]);
});

test('not a known file: other values, other scopes, shadowed open, rebinding', async () => {
  assert.equal(await modesAtUse('def g(f):\n    f.read()\n'), undefined);
  assert.equal(await modesAtUse('with urlopen(u) as f:\n    f.read()\n'), undefined);
  assert.equal(await modesAtUse('with open(p) as f:\n    def g():\n        f.read()\n'), undefined);
  assert.equal(await modesAtUse('def open(p): pass\nwith open(p) as f:\n    f.read()\n'), undefined);
  assert.equal(await modesAtUse('f = open(p)\nf = io.StringIO()\nf.read()\n'), undefined);
  assert.equal(await modesAtUse('f = g = open(p)\nf.read()\n'), undefined);
  assert.equal(await modesAtUse('f.read()\n'), undefined);
});

test('a comprehension runs in the scope that opened the file', async () => {
  assert.deepEqual(await modesAtUse('with open(p) as f:\n    [x for y in z for x in f.read()]\n'), ['text']);
});
