// What the text alone tells about comments: where no token can start.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { followsCommentStart } from '../../server/src/text/commentLines';
import { parse, pythonParser } from '../../server/src/document/parser';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
/** `#` inside strings with code after them on the same line, besides comments. */
const HASHES_IN_STRINGS = [
  's = "#" + len(x)  # a comment',
  "t = '#'; total = sum(i for i in x)",
  `u = f"{'#'}" + str(x)`,
  'v = """first line',
  '# still the string""" + str(x)',
  String.raw`w = r"\#" if x else "#"`,
].join('\n');

test('followsCommentStart holds after a # with no quote before it on the line, and nowhere else', () => {
  const at = (source: string, word: string) => followsCommentStart(source, source.indexOf(word));
  assert.equal(at('x = 1  # for y', 'for'), true);
  assert.equal(at('x = 1\n# for y', 'for'), true);
  assert.equal(at('x = 1\r# for y', 'for'), true);
  assert.equal(at('x = 1  # for y\nfor z in w: pass', 'for z'), false, 'the next line');
  assert.equal(at('s = "#" + for_x', 'for_x'), false, 'a # inside a string');
  assert.equal(at('s = """\n# it ends""" ; for_x', 'for_x'), false, 'a string closing between the # and the word');
  assert.equal(at("# it's for", 'for'), false, 'a quote in the comment itself: not known from the text');
  assert.equal(at('x = 1', '1'), false);
});

test('no token starts where followsCommentStart holds, in every fixture', async () => {
  const parser = await pythonParser();
  let checked = 0;
  const sources = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.py'))
    .map((name) => [name, readFileSync(join(FIXTURES, name), 'utf8')] as const);
  for (const [name, source] of [...sources, ['hashes in strings', HASHES_IN_STRINGS] as const]) {
    const tree = parse(parser, source);
    try {
      for (let offset = 0; offset < source.length; offset++) {
        if (!followsCommentStart(source, offset)) continue;
        checked++;
        const node = tree.rootNode.descendantForIndex(offset, offset + 1);
        const token =
          node !== null &&
          node.startIndex === offset &&
          node.childCount === 0 &&
          !['comment', 'string_content'].includes(node.type);
        assert.equal(token, false, `${name}: a ${node?.type} token starts at ${offset}`);
      }
    } finally {
      tree.delete();
    }
  }
  assert.ok(checked > 1000, `only ${checked} offsets follow a comment's #`);
});
