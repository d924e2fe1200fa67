// The comments rules read about a statement: the comment lines right above it and those on its lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentsAbout } from '../../server/src/semantics/comments';
import { parse, pythonParser } from '../../server/src/document/parser';

async function commentsAboutFirstCall(text: string): Promise<string[]> {
  const parser = await pythonParser();
  const tree = parse(parser, text);
  try {
    const call = tree.rootNode.descendantsOfType('call')[0];
    assert.ok(call, 'the text has a call');
    return commentsAbout(call);
  } finally {
    tree.delete();
  }
}

test('the comment lines right above a statement, whatever ends the lines and however the file starts', async () => {
  const above = ['# one', '#   two'];
  // Not a lone \r: the grammar does not end lines there.
  for (const newline of ['\n', '\r\n']) {
    for (const start of ['', `${newline}${newline}`, `x = 1${newline}${newline}`]) {
      const text = `${start}${above.join(newline)}${newline}for i in list(range(10)):  # three${newline}    print(i)${newline}`;
      assert.deepEqual(await commentsAboutFirstCall(text), ['# one', '#   two', '# three'], JSON.stringify(text));
    }
  }
});

test('a blank or code line ends the run of comment lines above', async () => {
  assert.deepEqual(await commentsAboutFirstCall('# far\n\n# near\nxs = list(range(3))\n'), ['# near']);
  assert.deepEqual(await commentsAboutFirstCall('# far\ny = 2\nxs = list(range(3))\n'), []);
});
