// A document parsed in regions (server/src/document) holds the trees a whole
// parse gives whenever the text has no syntax error, whatever the edits; an
// error stays inside its statement. Here a seeded sample of random edits over the
// rule fixtures; regionTrees-stdlib.slow.test.ts replays the long sweep over
// stdlib modules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { ModuleParts } from '../../server/src/document/moduleParts';
import { OpenDocuments } from '../../server/src/document/documents';
import { pythonParser } from '../../server/src/document/parser';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { editBetween, joinedRuleFixtures } from '../reliability/fuzz';
import { applyContentChanges } from '../support/textEdits';
import { changeAt, checkRandomEdits, topLevelOfParts, URI, wholeParse, withLineEndCopies } from './regionChecks';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_261_201);
/** Edits per text: a sample; the slow sweep makes 80 on each of three texts. */
const STEPS = 20;

test(`after random edits to the rule fixtures, the regions hold the trees of a whole parse whenever it has no syntax error (seed ${SEED})`, async (t) => {
  // Long enough to be cut into about eight regions.
  await checkRandomEdits(t, withLineEndCopies([joinedRuleFixtures(8 * REGION_LINES)]), SEED, STEPS);
});

/** A module of `count` functions of ten lines each, so that it is cut into regions. */
function functions(count: number): string {
  return Array.from(
    { length: count },
    (_, index) => `def f${index}(xs):\n${'    xs = list(xs)\n'.repeat(8)}    return xs\n\n`,
  ).join('');
}

test('a long module is cut into regions of at least REGION_LINES lines, and an edit reparses only its own', async () => {
  const parser = await pythonParser();
  const documents = new OpenDocuments(parser);
  const text = functions(100);
  const opened = documents.opened(URI, 'python', 1, text);
  const regions = opened.module.parts;
  assert.ok(regions.length >= 3, `${regions.length} regions`);
  for (const part of regions.slice(0, -1)) {
    const lines = text.slice(part.start, part.end).split('\n').length - 1;
    assert.ok(lines >= REGION_LINES, `a region of ${lines} lines`);
  }
  // An `x` typed in a name: the text stays valid (a syntax error would cut its region at its statements).
  const inSecond = text.indexOf('xs', regions[1]!.start + 30) + 1;
  const roots = (module: ModuleParts) => module.parts.map((part) => part.root.id);
  const before = roots(opened.module);
  const after = roots(documents.changed(URI, 2, [changeAt(text, inSecond, 'x')])!.module);
  assert.equal(after.length, before.length);
  assert.deepEqual(
    after.map((id, index) => id === before[index]),
    before.map((_, index) => index !== 1),
    'only the second region has a new tree',
  );
  documents.closed(URI);
});

test('regions merge where a boundary stops being one: an indented line, a joined line, a comment above a statement, a backslash, a commented-out header', async () => {
  const parser = await pythonParser();
  const whole = await wholeParse();
  const text = functions(60);
  const cases: {
    readonly what: string;
    readonly change: (text: string, boundary: number) => TextDocumentContentChangeEvent;
  }[] = [
    {
      what: 'the first line indented into the function above',
      change: (text, boundary) => changeAt(text, boundary, '    '),
    },
    { what: 'the newline before it deleted', change: (text, boundary) => changeAt(text, boundary - 1, '', 1) },
    { what: 'a comment typed right above it', change: (text, boundary) => changeAt(text, boundary, '# deliberate\n') },
    { what: 'a backslash ending the line above', change: (text, boundary) => changeAt(text, boundary - 1, ' \\') },
    {
      what: 'its first line commented out, leaving an indented line first',
      change: (text, boundary) => changeAt(text, boundary, '#'),
    },
  ];
  for (const { what, change } of cases) {
    const documents = new OpenDocuments(parser);
    const opened = documents.opened(URI, 'python', 1, text);
    const boundary = opened.module.parts[1]!.start;
    const edit = change(text, boundary);
    const edited = documents.changed(URI, 2, [edit])!;
    const after = applyContentChanges(text, [edit]);
    const expected = whole(after);
    if (expected.clean) assert.deepEqual(topLevelOfParts(edited.module), expected.topLevel, what);
    // The comment must share a tree with the statement below it, whose rules read it.
    const holding = (offset: number) => edited.module.partAt(offset);
    if (what.startsWith('a comment'))
      assert.equal(holding(boundary), holding(boundary + '# deliberate\n'.length), what);
    documents.closed(URI);
  }
});

test('an unterminated string stays inside its region: the regions after it keep their trees', async () => {
  const parser = await pythonParser();
  const documents = new OpenDocuments(parser);
  const text = functions(60);
  const opened = documents.opened(URI, 'python', 1, text);
  const before = opened.module.parts.map((part) => part.root.id);
  const edited = documents.changed(URI, 2, [changeAt(text, opened.module.parts[0]!.start + 20, '"""')])!;
  const after = edited.module.parts.map((part) => part.root.id);
  assert.ok(edited.module.parts[0]!.root.hasError, 'the first region has the error');
  assert.deepEqual(after.slice(-2), before.slice(-2), 'the last regions were not parsed again');
  assert.ok(
    edited.module.parts.slice(1).every((part) => !part.root.hasError),
    'no other region has an error',
  );
  documents.closed(URI);
});

/** Counts the parses `parser` runs while `body` runs. */
function parsesDuring(parser: Awaited<ReturnType<typeof pythonParser>>, body: () => void): number {
  const original = parser.parse;
  let parses = 0;
  parser.parse = function (this: typeof parser, ...args: Parameters<typeof original>) {
    parses++;
    return original.apply(this, args);
  };
  try {
    body();
  } finally {
    parser.parse = original;
  }
  return parses;
}

/** Lines at column 0 that start no statement, for as many lines as a region: inside a docstring, inside brackets, after a backslash. */
const NOT_STATEMENTS = [
  `DOC = """\n${'def not_code():\n    pass\n'.repeat(REGION_LINES)}"""\n\n`,
  `TABLE = [\n${'1,\n'.repeat(2 * REGION_LINES)}]\n\n`,
  `TOTAL = 1 + \\\n${'1 + \\\n'.repeat(2 * REGION_LINES)}1\n\n`,
];

test('a clean module is parsed once on opening, in regions cut where its text shows top-level statements', async () => {
  const parser = await pythonParser();
  const whole = await wholeParse();
  for (const text of [functions(100), NOT_STATEMENTS.map((lines) => functions(12) + lines).join('') + functions(12)]) {
    const documents = new OpenDocuments(parser);
    let regions = 0;
    const parses = parsesDuring(parser, () => {
      regions = documents.opened(URI, 'python', 1, text).module.parts.length;
    });
    assert.ok(regions >= 3, `${regions} regions`);
    assert.equal(parses, regions, 'each region parsed once, and the whole text not at all');
    assert.deepEqual(topLevelOfParts(documents.get(URI)!.module), whole(text).topLevel);
    documents.closed(URI);
  }
});

test('no text cut falls between a decorator and its definition, nor before an `else:`; a cut the text misleads is caught by the parse', async () => {
  const parser = await pythonParser();
  const whole = await wholeParse();
  // Three- and four-line statements, so that cuts REGION_LINES apart fall on each of their lines in turn.
  const statements = [
    { lines: '@decorator\ndef decorated():\n    pass\n', cutFromText: true },
    { lines: 'if TOTAL:\n    pass\nelse:\n    pass\n', cutFromText: true },
    // A Python 3.12 f-string whose replacement field runs over lines: the text's scan takes `TABLE` for a statement.
    { lines: 'LABEL = f"{\nTABLE\n}"\n', cutFromText: false },
  ];
  for (const { lines, cutFromText } of statements) {
    const text = functions(12) + lines.repeat(4 * REGION_LINES) + functions(12);
    const documents = new OpenDocuments(parser);
    let regions = 0;
    const parses = parsesDuring(parser, () => {
      regions = documents.opened(URI, 'python', 1, text).module.parts.length;
    });
    const expected = whole(text);
    assert.ok(expected.clean, lines);
    assert.deepEqual(topLevelOfParts(documents.get(URI)!.module), expected.topLevel, lines);
    assert.ok(regions >= 3, `${lines}: ${regions} regions`);
    // Parsed from the text's cuts, each region once; else those pieces, the whole text, and the pieces of its tree.
    if (cutFromText) assert.equal(parses, regions, lines);
    else assert.ok(parses > regions + 1, `${lines}: ${parses} parses`);
    documents.closed(URI);
  }
});

test('an error inside a long statement is not tried against the neighbouring regions; the rest of a statement from the region above is, and mends', async () => {
  const parser = await pythonParser();
  const whole = await wholeParse();
  const table = `TABLE = {\n${Array.from({ length: 3 * REGION_LINES }, (_, index) => `    'k${index}': ${index},\n`).join('')}}\n\n`;
  const text = table + functions(30);
  const documents = new OpenDocuments(parser);
  const opened = documents.opened(URI, 'python', 1, text);
  assert.equal(opened.module.parts[0]!.root.namedChildren.length, 1, 'the table is a region of its own');
  assert.ok(opened.module.parts.length >= 3, 'the functions are regions too');

  // A typo in the middle of the table: its region is parsed again, and that is all.
  const entry = `'k${REGION_LINES}': ${REGION_LINES}`;
  let document = opened;
  const inside = parsesDuring(parser, () => {
    document = documents.changed(URI, 2, [changeAt(text, text.indexOf(entry) + entry.length, ' x')])!;
  });
  assert.ok(document.module.parts[0]!.root.hasError, 'the typo is a syntax error');
  assert.equal(inside, 1);
  documents.closed(URI);

  // Typed first in a region, the rest of a statement that ends the region above: the two are parsed together and mend.
  const cases = [
    { what: 'an `else:` under an `if`', above: 'if TABLE:\n    pass\n', typed: 'else:\n    pass\n' },
    { what: 'a bracket closed that opened above', above: 'x = len(\n', typed: 'TABLE)\n' },
  ];
  for (const { what, above, typed } of cases) {
    const reopened = documents.opened(URI, 'python', 1, text);
    const second = reopened.module.parts[2]!.start;
    const endAbove = changeAt(text, second - 1, above);
    const before = applyContentChanges(text, [endAbove]);
    // The region holding it ends with it (a bracket left open is cut from the statements above it).
    const boundary = documents.changed(URI, 2, [endAbove])!.module.partAt(second - 2 + above.length).end;
    assert.ok(before.slice(0, boundary).endsWith(`${above}\n`), `${what}: the region above ends with it`);
    const typing = changeAt(before, boundary, typed);
    const parses = parsesDuring(parser, () => {
      document = documents.changed(URI, 3, [typing])!;
    });
    const expected = whole(applyContentChanges(before, [typing]));
    assert.ok(expected.clean, `${what}: the whole text parses`);
    assert.ok(parses > 1, `${what}: the region above was parsed with it (${parses} parses)`);
    assert.deepEqual(topLevelOfParts(document.module), expected.topLevel, what);
    documents.closed(URI);
  }
});

/** The text of the region holding `offset`. */
function regionText(module: ModuleParts, text: string, offset: number): string {
  const part = module.partAt(offset);
  return text.slice(part.start, part.end);
}

test('a syntax error is cut out with its statement, as a fresh open of the text cuts it, and its region joins the others again once mended', async () => {
  const parser = await pythonParser();
  const whole = await wholeParse();
  const text = functions(30);
  const documents = new OpenDocuments(parser);
  const regions = documents.opened(URI, 'python', 1, text).module.parts.length;
  // A closing bracket deleted in f12: the error's region is f12 alone.
  const broken = text.replace('def f12(xs):\n    xs = list(xs)', 'def f12(xs):\n    xs = list(xs');
  const edit = editBetween(text, broken);
  const edited = documents.changed(URI, 2, [edit])!;
  const f12 = broken.slice(broken.indexOf('def f12'), broken.indexOf('def f13'));
  assert.equal(regionText(edited.module, broken, broken.indexOf('def f12')), f12);
  const fresh = new OpenDocuments(parser);
  assert.deepEqual(topLevelOfParts(edited.module), topLevelOfParts(fresh.opened(URI, 'python', 1, broken).module));
  assert.equal(
    regionText(fresh.get(URI)!.module, broken, broken.indexOf('def f12')),
    f12,
    'a fresh open cuts it alike',
  );
  fresh.closed(URI);
  // Mended, then an edit elsewhere: the short regions are joined again.
  documents.changed(URI, 3, [editBetween(broken, text)]);
  const elsewhere = changeAt(text, text.indexOf('def f25') + 5, 'x');
  const after = documents.changed(URI, 4, [elsewhere])!;
  assert.deepEqual(topLevelOfParts(after.module), whole(applyContentChanges(text, [elsewhere])).topLevel);
  assert.ok(after.module.parts.length <= regions, `${after.module.parts.length} regions, ${regions} before`);
  documents.closed(URI);
});

test('a bracket left open runs on to the next definition, in a region of its own', async () => {
  const parser = await pythonParser();
  const documents = new OpenDocuments(parser);
  const text = functions(30);
  documents.opened(URI, 'python', 1, text);
  const at = text.indexOf('def f12');
  const typed = 'x = (\ny = 1\n\n';
  const edited = documents.changed(URI, 2, [changeAt(text, at, typed)])!;
  const after = applyContentChanges(text, [changeAt(text, at, typed)]);
  assert.equal(regionText(edited.module, after, at), typed, 'from the bracket to the definition below');
  assert.ok(!edited.module.partAt(at + typed.length).root.hasError, 'the definition below parses cleanly');
  documents.closed(URI);
});

test('no region ends between a decorator and its definition', async () => {
  const parser = await pythonParser();
  const whole = await wholeParse();
  const documents = new OpenDocuments(parser);
  const text = functions(30);
  const boundary = documents.opened(URI, 'python', 1, text).module.parts[1]!.start;
  // Typed at the end of the region above, a blank line away from the definition that starts the next.
  const decorate = changeAt(text, boundary - 1, '@decorator\n');
  const after = applyContentChanges(text, [decorate]);
  const edited = documents.changed(URI, 2, [decorate])!;
  const decorator = after.indexOf('@decorator');
  assert.equal(edited.module.partAt(decorator), edited.module.partAt(after.indexOf('def', decorator)));
  assert.deepEqual(topLevelOfParts(edited.module), whole(after).topLevel);
  documents.closed(URI);
});
