// Whether the text of a scope can give a name a str or bytes value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  mayBeAssignedText,
  mayBeAssignedTextAsAttribute,
} from '../../../server/src/rules/mem201-string-concat-in-loop/textBindings';
import { findingsIn } from '../../support/analyze';
import { withSource } from '../../support/tree';

/** The answer for `s` in the function `f` of `body` (indented under `def f():`). */
async function inFunction(body: string, name = 's', before = ''): Promise<boolean> {
  const source = `${before}def f():\n${body.replace(/^/gm, '    ')}\n`;
  return withSource(source, ({ facts, find }) => mayBeAssignedText(facts, name, find('function_definition')));
}

test('assignments whose line holds no quote and no text builtin give no text', async () => {
  assert.equal(await inFunction('s = 0\nfor x in y:\n    s += x'), false);
  assert.equal(await inFunction('s = 0\nfor x in y:\n    s = s + len(x)'), false);
  assert.equal(await inFunction('s: int = 0\ns == "not an assignment"\nt = s'), false);
  assert.equal(await inFunction('s = [0] * 3  # a list\nfor x in y:\n    s += [x]'), false);
});

test('a literal, a text builtin, an annotation or a value going on past its line may give text', async () => {
  const texts = [
    's = ""',
    "s = b'x'",
    's = str(x)',
    's = repr(x) + chr(0)',
    's: str = make()',
    'if (s := f"{x}"):\n    pass',
    't = s = ""',
    's = (\n    other\n)',
    's = \\\n    other',
    's = [\n    "x"][0]',
  ];
  for (const body of texts) assert.equal(await inFunction(body), true, body);
  assert.equal(
    await inFunction('s = text(x)', 's', 'from builtins import str as text\n'),
    true,
    'a builtin under another name',
  );
});

test('only the scope asked about counts, but at module level every spelling does', async () => {
  const source = 's = 0\ndef f():\n    s = 0\n    return s\ndef g():\n    s = ""\n';
  await withSource(source, ({ facts, find, root }) => {
    assert.equal(mayBeAssignedText(facts, 's', find('function_definition')), false);
    assert.equal(mayBeAssignedText(facts, 's', find('function_definition', undefined, 1)), true);
    assert.equal(mayBeAssignedText(facts, 's', root), true);
  });
});

/** The answer for the attribute `name` of any object in `source`. */
async function asAttribute(source: string, name = 'text'): Promise<boolean> {
  return withSource(source, ({ facts }) => mayBeAssignedTextAsAttribute(facts, name));
}

test('for an attribute, only assignments after a dot count, and not those in strings or comments', async () => {
  const none = [
    'def f(offset):\n    return dict(text="a keyword argument", other=text)',
    'text = "a name, not an attribute"\nself.text = 0',
    'PATTERN = br"\\d+ GNU.sparse.text=(\\d+)\\n"\nself.text = len(x)',
    '# self.text = "in a comment"\nself.text += 1',
    'from builtins import open as bltn_open\nself.text = 0\ntext = ""',
  ];
  for (const source of none) assert.equal(await asAttribute(source), false, source);
  const texts = [
    'self.text = ""',
    'o . text = str(x)',
    'self.\\\n    text = b""',
    'self.text: str = make()',
    'a = self.text = ""',
    'self.text = (\n    other\n)',
    'from builtins import str as s\nself.text = s(x)',
  ];
  for (const source of texts) assert.equal(await asAttribute(source), true, source);
});

test('an attribute given text is still flagged where the precheck reads past other spellings', async () => {
  // `text = '…'` (a keyword) and an import from builtins made the text check of the whole module answer "may" before.
  const source = [
    'from builtins import open as bltn_open',
    'DOC = dict(text="the text")',
    'class Page:',
    '    def __init__(self):',
    '        self.text = ""',
    '    def fill(self, parts):',
    '        for part in parts:',
    '            self.text += part',
    '',
  ].join('\n');
  const found = (await findingsIn(source)).filter((finding) => finding.code === 'MEM201');
  assert.equal(found.length, 1);
  assert.equal(source.slice(found[0]!.start, found[0]!.end), 'self.text += part');
});
