// Hover through the server's own document store: the size of the allocation
// under the cursor, checked against python3's sys.getsizeof (this runs it;
// what needs no Python is in hover.test.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';
import { runPythonJson } from '../support/python';

const SOURCE = [
  'n = 1000',
  'zeros = [0] * 1000',
  'squares = [x * x for x in range(n)]',
  'name = "héllo"',
  'grid = [[0] * 3 for _ in range(5)]',
  'print(zeros)',
  '',
].join('\n');

let document: OpenDocument;
let truth: {
  zeros: number;
  zerosDeep: number;
  squares: number;
  squaresGenerator: number;
  squaresArray: number;
  squaresNumpy: number;
  grid: number;
  row: number;
  text: number;
};

before(async () => {
  document = new OpenDocuments(await pythonParser()).opened('file:///hover.py', 'python', 1, SOURCE);
  truth = runPythonJson(
    String.raw`
import array, json, sys
import numpy as np
source = sys.stdin.read()
namespace = {}
exec(json.loads(source), namespace)
print(json.dumps({
    "zeros": sys.getsizeof(namespace["zeros"]),
    "zerosDeep": sys.getsizeof(namespace["zeros"]) + sys.getsizeof(0),
    "squares": sys.getsizeof(namespace["squares"]),
    "squaresGenerator": sys.getsizeof(eval("(x * x for x in range(n))", namespace)),
    "squaresArray": sys.getsizeof(array.array("q", (x * x for x in range(1000)))),
    "squaresNumpy": sys.getsizeof(np.fromiter((x * x for x in range(1000)), dtype=np.int64, count=1000)),
    "grid": sys.getsizeof(namespace["grid"]),
    "row": sys.getsizeof(namespace["grid"][0]),
    "text": sys.getsizeof(namespace["name"]),
}))
`,
    SOURCE.replace('print(zeros)\n', ''),
  );
});

/** The position of the first occurrence of `needle` (plus `shift` characters). */
function at(needle: string, shift = 0): Position {
  const offset = SOURCE.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return document.text.positionAt(offset + shift);
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

function hoveredText(hover: Hover | null): string {
  assert.ok(hover?.range);
  return document.text.getText(hover.range);
}

test('hover over [0] * 1000 gives its exact size in bytes, shallow and deep, for CPython 3.11', () => {
  const hover = hoverAt(document, at('[0] * 1000'), DEFAULT_SETTINGS);
  const text = markdown(hover);
  assert.equal(hoveredText(hover), '[0] * 1000');
  assert.ok(text.includes(`${truth.zeros} bytes`), text);
  assert.ok(text.includes(`${truth.zerosDeep} bytes`), text);
  assert.ok(text.includes('CPython 3.11, 64-bit'), text);
  assert.match(text, /shared/);
  assert.match(text, /array\.array\('q', \[0\]\) \* 1000/);
});

test('hovering a comprehension element shows the comprehension, with the generator alternative', () => {
  const hover = hoverAt(document, at('x * x'), DEFAULT_SETTINGS);
  assert.equal(hoveredText(hover), '[x * x for x in range(n)]');
  const text = markdown(hover);
  assert.ok(text.includes(`${truth.squares} bytes`), text);
  assert.ok(text.includes(`(x * x for x in range(n))\`: ${truth.squaresGenerator} bytes`), text);
});

test('a comprehension of ints lists the unboxed array.array and numpy forms with their sizes', () => {
  const text = markdown(hoverAt(document, at('x * x'), DEFAULT_SETTINGS));
  assert.ok(
    text.includes(`\`array.array('q', (x * x for x in range(n)))\`: 8.1 KiB (${truth.squaresArray} bytes)`),
    text,
  );
  assert.ok(text.includes(`(${truth.squaresNumpy} bytes), a numpy int64 array`), text);
  assert.ok(text.includes('np.fromiter((x * x for x in range(n)), dtype=np.int64, count=1000)'), text);
});

test('an item of a container is its own hover; the part that builds it widens to the container', () => {
  assert.equal(hoveredText(hoverAt(document, at('[[0] * 3', 1), DEFAULT_SETTINGS)), '[0] * 3');
  assert.ok(markdown(hoverAt(document, at('[[0] * 3', 1), DEFAULT_SETTINGS)).includes(`${truth.row} bytes`));
  const gridHover = hoverAt(document, at('[[0] * 3'), DEFAULT_SETTINGS);
  assert.equal(hoveredText(gridHover), '[[0] * 3 for _ in range(5)]');
  assert.ok(markdown(gridHover).includes(`${truth.grid} bytes`));
});

test('a string literal reports its size by kind', () => {
  const hover = hoverAt(document, at('"héllo"', 2), DEFAULT_SETTINGS);
  assert.equal(hoveredText(hover), '"héllo"');
  assert.ok(markdown(hover).includes(`${truth.text} bytes`));
  assert.match(markdown(hover), /latin-1/);
});
