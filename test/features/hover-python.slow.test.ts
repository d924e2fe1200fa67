// Hover through the server's own document store: the size of the allocation
// under the cursor, checked against python3's sys.getsizeof (this runs it;
// what needs no Python is in hover.test.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import type { OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { runPythonJson } from '../support/python';
import { at, hoveredText, openSource, SOURCE } from './hover.cases';

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
  document = await openSource();
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

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

test('hover over [0] * 1000 gives its exact size in bytes, shallow and deep, for CPython 3.11', () => {
  const hover = hoverAt(document, at(document, '[0] * 1000'), DEFAULT_SETTINGS);
  const text = markdown(hover);
  assert.equal(hoveredText(document, hover), '[0] * 1000');
  assert.ok(text.includes(`${truth.zeros} bytes`), text);
  assert.ok(text.includes(`${truth.zerosDeep} bytes`), text);
  assert.ok(text.includes('CPython 3.11, 64-bit'), text);
  assert.match(text, /shared/);
  assert.match(text, /array\.array\('q', \[0\]\) \* 1000/);
});

test('hovering a comprehension element shows the comprehension, with the generator alternative', () => {
  const hover = hoverAt(document, at(document, 'x * x'), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, hover), '[x * x for x in range(n)]');
  const text = markdown(hover);
  assert.ok(text.includes(`${truth.squares} bytes`), text);
  assert.ok(text.includes(`(x * x for x in range(n))\`: ${truth.squaresGenerator} bytes`), text);
});

test('a comprehension of ints lists the unboxed array.array and numpy forms with their sizes', () => {
  const text = markdown(hoverAt(document, at(document, 'x * x'), DEFAULT_SETTINGS));
  assert.ok(
    text.includes(`\`array.array('q', (x * x for x in range(n)))\`: 8.1 KiB (${truth.squaresArray} bytes)`),
    text,
  );
  assert.ok(text.includes(`(${truth.squaresNumpy} bytes), a numpy int64 array`), text);
  assert.ok(text.includes('np.fromiter((x * x for x in range(n)), dtype=np.int64, count=1000)'), text);
});

test('an item of a container is its own hover; the part that builds it widens to the container', () => {
  assert.equal(hoveredText(document, hoverAt(document, at(document, '[[0] * 3', 1), DEFAULT_SETTINGS)), '[0] * 3');
  assert.ok(markdown(hoverAt(document, at(document, '[[0] * 3', 1), DEFAULT_SETTINGS)).includes(`${truth.row} bytes`));
  const gridHover = hoverAt(document, at(document, '[[0] * 3'), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, gridHover), '[[0] * 3 for _ in range(5)]');
  assert.ok(markdown(gridHover).includes(`${truth.grid} bytes`));
});

test('a string literal reports its size by kind', () => {
  const hover = hoverAt(document, at(document, '"héllo"', 2), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, hover), '"héllo"');
  assert.ok(markdown(hover).includes(`${truth.text} bytes`));
  assert.match(markdown(hover), /latin-1/);
});
