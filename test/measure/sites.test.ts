// How a line's allocation sites are put in words (sites-python.slow.test.ts
// checks the sites themselves against tracemalloc run directly).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortFile, siteChain } from '../../server/src/measure/sites';

test('sites in words: files beside the script, in packages and in the standard library, repeated frames once', () => {
  assert.equal(shortFile('/home/me/project/lib/load.py', '/home/me/project'), 'lib/load.py');
  assert.equal(
    shortFile('/venv/lib/python3.11/site-packages/pandas/io/parsers.py', '/home/me/project'),
    'pandas/io/parsers.py',
  );
  assert.equal(shortFile('/usr/lib/python3.11/json/decoder.py', '/home/me/project'), 'json/decoder.py');
  assert.equal(shortFile('/opt/tools/other.py', '/home/me/project'), '/opt/tools/other.py');
  assert.equal(shortFile('<frozen importlib._bootstrap>', '/home/me/project'), '<frozen importlib._bootstrap>');
  const frame = (file: string, line: number) => ({ file: `/home/me/project/${file}`, line, code: '' });
  const comprehension = {
    frames: [frame('b.py', 3), frame('b.py', 3), frame('a.py', 9)],
    moreFrames: true,
    bytes: 1,
    count: 1,
  };
  assert.equal(siteChain(comprehension, '/home/me/project'), 'b.py:3 ← a.py:9 ← …');
  assert.equal(siteChain({ frames: [], moreFrames: false, bytes: 1, count: 1 }, '/home/me/project'), 'this line');
});
