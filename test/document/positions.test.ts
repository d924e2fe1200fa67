import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  codePointsBetween,
  lineAndCodePointColumn,
  lineStarts,
  pointAfterInsert,
} from '../../server/src/document/positions';

test('lineStarts treats \\n, \\r\\n and lone \\r as line ends, as LSP does', () => {
  assert.deepEqual(lineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7]);
  assert.deepEqual(lineStarts(''), [0]);
});

test('code-point columns count an emoji (two UTF-16 units) once', () => {
  const text = 'x = "😀é"; y = 1\n';
  const yOffset = text.indexOf('y');
  assert.equal(yOffset, 11);
  assert.equal(codePointsBetween(text, 0, yOffset), 10);
  assert.deepEqual(lineAndCodePointColumn(text, lineStarts(text), yOffset), { line: 1, column: 11 });
});

test('pointAfterInsert follows inserted newlines', () => {
  assert.deepEqual(pointAfterInsert({ row: 3, column: 4 }, 'ab'), { row: 3, column: 6 });
  assert.deepEqual(pointAfterInsert({ row: 3, column: 4 }, 'ab\ncde'), { row: 4, column: 3 });
  assert.deepEqual(pointAfterInsert({ row: 0, column: 0 }, 'x\r\n'), { row: 1, column: 0 });
});
