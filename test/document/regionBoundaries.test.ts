// Where a broken region is cut (statementCuts), and which lines carry on the
// statement above them (carriesOnAbove).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { carriesOnAbove, statementCuts } from '../../server/src/document/regionBoundaries';
import { textNesting } from '../../server/src/document/textNesting';

/** The line numbers of offsets into `text`. */
function lines(text: string, offsets: readonly number[]): number[] {
  return offsets.map((offset) => text.slice(0, offset).split('\n').length - 1);
}

test('a broken region is cut at each top-level statement, past brackets and strings, but not before a clause nor under a decorator', () => {
  const text = [
    'x = 1',
    'y = f(',
    '1,',
    ')',
    'if x:',
    '    pass',
    'else:',
    '    pass',
    '@decorator',
    'def g():',
    '    pass',
    's = """',
    'not code',
    '"""',
    '# a comment above a statement keeps it with the statement',
    'z = 2',
    '',
  ].join('\n');
  const { cuts, endsOpen } = statementCuts(text, 0, text.length);
  assert.deepEqual(lines(text, cuts), [1, 4, 8, 11]);
  assert.equal(endsOpen, false);
});

test('a bracket or string left open runs on to the next line that starts a definition, and no further', () => {
  const open = 'x = (\ny = 1\n';
  assert.deepEqual(statementCuts(open, 0, open.length), { cuts: [], endsOpen: true });
  const text = `${open}def f():\n    s = """\n    t = 1\nclass C:\n    pass\n@decorator\ndef g():\n    pass\n`;
  const { cuts, endsOpen } = statementCuts(text, 0, text.length);
  assert.deepEqual(lines(text, cuts), [2, 5, 7]);
  assert.equal(endsOpen, false);
  // Only from the region's start: the same text cut from its second statement on gives the same cuts after it.
  const from = text.indexOf('def f');
  assert.deepEqual(statementCuts(text, from, text.length).cuts, cuts.slice(1));
});

test('textNesting says whether the text ends inside brackets or a triple-quoted string', () => {
  assert.equal(textNesting('x = [1,\n').endsOpen, true);
  assert.equal(textNesting('s = """abc\n').endsOpen, true);
  assert.equal(textNesting('s = "abc\nx = 1\n').endsOpen, false, 'a one-line string ends at its line');
  assert.equal(textNesting('x = [1]\ns = """a"""\n').endsOpen, false);
});

test('a clause and what follows a decorator carry on the statement above, past blank and comment lines', () => {
  const text = 'if x:\n    pass\n\nelse:\n    pass\n@decorator\n\n# why\ndef f():\n    pass\n\ny = 1\n';
  const at = (line: string) => text.indexOf(line);
  assert.equal(carriesOnAbove(text, at('\nelse') + 1), true, 'a blank line, then else');
  assert.equal(carriesOnAbove(text, at('else')), true);
  assert.equal(carriesOnAbove(text, at('# why')), true, 'a comment, then the definition under the decorator');
  assert.equal(carriesOnAbove(text, at('def f')), true);
  assert.equal(carriesOnAbove(text, at('y = 1')), false);
  assert.equal(carriesOnAbove(text, at('@decorator')), false);
});
