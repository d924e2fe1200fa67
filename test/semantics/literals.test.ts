import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringLiteral } from '../../server/src/semantics/literals';
import { parsed } from '../support/tree';

/** The literal value of the source's one expression statement, as Python evaluates it. */
async function literalValue(expression: string) {
  const { tree } = await parsed(`${expression}\n`);
  return stringLiteral(tree.rootNode.namedChild(0)!.namedChild(0)!);
}

test('simple string literals give their value, prefixes and escapes read as Python does', async () => {
  assert.deepEqual(await literalValue('"rb"'), { value: 'rb', bytes: false });
  assert.deepEqual(await literalValue("'\\n'"), { value: '\n', bytes: false });
  assert.deepEqual(await literalValue('r"\\n"'), { value: '\\n', bytes: false });
  assert.deepEqual(await literalValue('b"\\n"'), { value: '\n', bytes: true });
  assert.deepEqual(await literalValue('"r" \'t\''), { value: 'rt', bytes: false });
  assert.deepEqual(await literalValue('"""a\\tb"""'), { value: 'a\tb', bytes: false });
  assert.deepEqual(await literalValue('""'), { value: '', bytes: false });
});

test('f-strings, unusual escapes and mixed bytes/str concatenations have no known value', async () => {
  assert.equal(await literalValue('f"{x}"'), undefined);
  assert.equal(await literalValue('"\\x41"'), undefined);
  assert.equal(await literalValue('"a" b"b"'), undefined);
  assert.equal(await literalValue('x'), undefined);
});
