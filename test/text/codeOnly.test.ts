import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeOnly } from '../../server/src/text/codeOnly';

test('comments and string literals are blanked, their quotes and every line break kept, the code as it was', () => {
  const text = [
    "df = pd.read_csv('data-science-for-good.csv')  # a lambda here",
    'doc = """for each row:',
    '    lambda and def in a docstring, with an escaped \\""" quote"""',
    'name = f"{x} for {y}" + r\'\\d for\' + b"def"',
    'for row in rows:',
    '    total += row',
  ].join('\n');
  const blanked = codeOnly(text);
  assert.equal(blanked.length, text.length);
  assert.deepEqual(
    [...blanked.matchAll(/\r?\n/g)].map((match) => match.index),
    [...text.matchAll(/\r?\n/g)].map((match) => match.index),
  );
  assert.deepEqual(blanked.match(/\b(?:for|lambda|def)\b/g), ['for'], blanked);
  assert.ok(blanked.includes('for row in rows:') && blanked.includes('df = pd.read_csv('), blanked);
});

test('an unclosed string blanks the rest of its line, an unclosed triple-quoted one the rest of the text', () => {
  assert.equal(codeOnly("x = 'for\ny = lambda: 1"), 'x =     \ny = lambda: 1');
  assert.equal(codeOnly('x = """for\ny = lambda: 1'), `x = ${' '.repeat(6)}\n${' '.repeat(13)}`);
});

test('a backslash escapes the quote after it; a lone one at the end does no harm', () => {
  assert.equal(codeOnly("s = 'it\\'s for'; t = 1"), `s = ${' '.repeat(11)}; t = 1`);
  assert.equal(codeOnly("s = 'x\\"), 's =    ');
});
