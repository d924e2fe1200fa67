// Hover through the server's own document store: the total of the allocation
// under the cursor first, then sys.getsizeof and the cheaper forms, checked
// against python3 (this runs it; what needs no Python is in hover.test.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import type { OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { shortBytes } from '../../server/src/sizes/format';
import { runPythonJson } from '../support/python';
import { at, hoveredText, openSource, SOURCE } from './hover.cases';

let document: OpenDocument;
let truth: {
  zeros: number;
  zerosDeep: number;
  squares: number;
  squaresDeep: number;
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
squares = namespace["squares"]
print(json.dumps({
    "zeros": sys.getsizeof(namespace["zeros"]),
    "zerosDeep": sys.getsizeof(namespace["zeros"]) + sys.getsizeof(0),
    "squares": sys.getsizeof(squares),
    "squaresDeep": sys.getsizeof(squares) + sum(sys.getsizeof(x) for x in {id(x): x for x in squares}.values()),
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

/** A figure as the hover writes it for a model exact to the byte: "88 B", "7.9 KiB (8056 bytes)". */
function exact(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${shortBytes(bytes)} (${bytes} bytes)`;
}

test('hover over [0] * 1000: the deep size first, then sys.getsizeof, for CPython 3.11; no cheaper form saves enough', () => {
  const hover = hoverAt(document, at(document, '[0] * 1000'), DEFAULT_SETTINGS);
  const text = markdown(hover);
  assert.equal(hoveredText(document, hover), '[0] * 1000');
  const lines = text.split('\n');
  assert.equal(lines[0], `**${shortBytes(truth.zerosDeep)}** (${truth.zerosDeep} bytes) — a list of 1,000 items`);
  assert.ok(text.includes(`- The list itself (\`sys.getsizeof\`): ${exact(truth.zeros)} = `), text);
  assert.match(text, /28 B for the int 0, shared/);
  // array.array('q', [0]) * 1000 would save 4 B: not worth a line.
  assert.doesNotMatch(text, /Cheaper|array\.array/);
  assert.equal(lines.at(-1), '_Estimated for CPython 3.11, 64-bit._');
});

test('hovering a comprehension element shows the comprehension, its total first, with the generator alternative and its saving', () => {
  const hover = hoverAt(document, at(document, 'x * x'), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, hover), '[x * x for x in range(n)]');
  const text = markdown(hover);
  assert.equal(
    text.split('\n')[0],
    `**${shortBytes(truth.squaresDeep)}** (${truth.squaresDeep} bytes) — a list of 1,000 items`,
  );
  assert.ok(text.includes(`itself (\`sys.getsizeof\`): ${exact(truth.squares)}`), text);
  assert.ok(
    text.includes(
      `- **Cheaper:** \`(x * x for x in range(n))\`: ${exact(truth.squaresGenerator)}, saves ${shortBytes(truth.squaresDeep - truth.squaresGenerator)} — `,
    ),
    text,
  );
});

test('a comprehension of ints lists the unboxed array.array and numpy forms with their sizes and savings', () => {
  const text = markdown(hoverAt(document, at(document, 'x * x'), DEFAULT_SETTINGS));
  assert.ok(
    text.includes(
      `\`array.array('q', (x * x for x in range(n)))\`: ${exact(truth.squaresArray)}, saves ${shortBytes(truth.squaresDeep - truth.squaresArray)} — `,
    ),
    text,
  );
  assert.ok(
    text.includes(
      `${exact(truth.squaresNumpy)}, saves ${shortBytes(truth.squaresDeep - truth.squaresNumpy)} — a numpy int64 array`,
    ),
    text,
  );
  assert.ok(text.includes('np.fromiter((x * x for x in range(n)), dtype=np.int64, count=1000)'), text);
});

test('an item of a container is its own hover; the part that builds it widens to the container', () => {
  const rowHover = hoverAt(document, at(document, '[[0] * 3', 1), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, rowHover), '[0] * 3');
  assert.ok(markdown(rowHover).includes(`itself (\`sys.getsizeof\`): ${exact(truth.row)}`), markdown(rowHover));
  const gridHover = hoverAt(document, at(document, '[[0] * 3'), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, gridHover), '[[0] * 3 for _ in range(5)]');
  assert.ok(markdown(gridHover).includes(`itself (\`sys.getsizeof\`): ${exact(truth.grid)}`), markdown(gridHover));
});

test('a string literal leads with its size, and says what kind of characters it holds', () => {
  const hover = hoverAt(document, at(document, '"héllo"', 2), DEFAULT_SETTINGS);
  assert.equal(hoveredText(document, hover), '"héllo"');
  assert.equal(markdown(hover).split('\n')[0], `**${exact(truth.text)}** — a str of 5 latin-1 characters`);
});
