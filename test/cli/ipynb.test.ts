// Reading code cells from notebook JSON and writing fixed code back into it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_JSON_DEPTH, readNotebook, withCellSources } from '../../server/src/cli/ipynb';
import { notebookErrorOf } from './notebookErrors';

const NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["# Title"]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": [
    "a = 1\\n",
    "b = 2"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": "c = 'caf\\u00e9'"
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

test('code cells are numbered among all cells, with list and string sources joined', () => {
  const { cells } = readNotebook(NOTEBOOK);
  assert.deepEqual(
    cells.map((cell) => [cell.number, cell.text]),
    [
      [2, 'a = 1\nb = 2'],
      [3, "c = 'café'"],
    ],
  );
});

test('a changed line is rewritten in place; a change in the number of lines rewrites the list in its layout', () => {
  const sameLines = withCellSources(NOTEBOOK, new Map([[2, 'a = 1\nb = 3']]));
  assert.equal(sameLines, NOTEBOOK.replace('"b = 2"', '"b = 3"'));
  const moreLines = withCellSources(NOTEBOOK, new Map([[2, 'a = 1\nb = 2\nc = 3\n']]));
  assert.equal(moreLines, NOTEBOOK.replace('"b = 2"\n', '"b = 2\\n",\n    "c = 3\\n"\n'));
  assert.deepEqual(readNotebook(moreLines).cells[0]!.text, 'a = 1\nb = 2\nc = 3\n');
});

test('a file that escapes non-ASCII characters keeps doing so', () => {
  const fixed = withCellSources(NOTEBOOK, new Map([[3, "c = 'café!'"]]));
  assert.ok(fixed.includes(`"source": "c = 'caf\\u00e9!'"`), fixed);
});

test('a code cell whose source is null reads as empty, as Jupyter reads it, and stays null when other cells are fixed', () => {
  const json = NOTEBOOK.replace('"source": "c = \'caf\\u00e9\'"', '"source": null');
  assert.notEqual(json, NOTEBOOK);
  const { cells } = readNotebook(json);
  assert.deepEqual(
    cells.map((cell) => [cell.number, cell.text]),
    [
      [2, 'a = 1\nb = 2'],
      [3, ''],
    ],
  );
  const fixed = withCellSources(
    json,
    new Map([
      [2, 'a = 1\nb = 3'],
      [3, ''],
    ]),
  );
  assert.equal(fixed, json.replace('"b = 2"', '"b = 3"'));
});

/** Two worksheets (nbformat 3 allowed several; nbconvert joins them in order), code in `input`, a heading cell. */
const V3 = `{
 "metadata": {"name": ""},
 "nbformat": 3,
 "nbformat_minor": 0,
 "worksheets": [
  {"cells": [
    {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Title"]},
    {"cell_type": "code", "collapsed": false, "input": ["a = 1\\n", "b = 2"], "language": "python", "metadata": {}, "outputs": [], "prompt_number": 1}
   ], "metadata": {}},
  {"cells": [
    {"cell_type": "markdown", "metadata": {}, "source": "text"},
    {"cell_type": "code", "collapsed": false, "input": "c = 3", "language": "python", "metadata": {}, "outputs": []}
   ], "metadata": {}}
 ]
}
`;

test('nbformat 3: code from `input`, cells numbered across worksheets, fixes written into `input`', () => {
  const { cells } = readNotebook(V3);
  assert.deepEqual(
    cells.map((cell) => [cell.number, cell.text]),
    [
      [2, 'a = 1\nb = 2'],
      [4, 'c = 3'],
    ],
  );
  const fixed = withCellSources(
    V3,
    new Map([
      [2, 'a = 1\nb = 20'],
      [4, 'c = 30'],
    ]),
  );
  assert.equal(fixed, V3.replace('"b = 2"', '"b = 20"').replace('"input": "c = 3"', '"input": "c = 30"'));
});

test('nbformat 3: a notebook or a cell in another language holds no Python', () => {
  assert.deepEqual(
    readNotebook(V3.replace('"metadata": {"name": ""}', '"metadata": {"language": "Julia", "name": ""}')).cells,
    [],
  );
  const juliaCell = V3.replace('"input": "c = 3", "language": "python"', '"input": "c = 3", "language": "julia"');
  assert.deepEqual(
    readNotebook(juliaCell).cells.map((cell) => cell.number),
    [2],
  );
});

test('what is not a notebook is said to be so, in one line that says where', () => {
  assert.equal(notebookErrorOf(''), 'not a notebook: the file is empty');
  assert.equal(
    notebookErrorOf('{"cells": ['),
    'not a notebook: invalid JSON (close bracket expected at line 1, column 12)',
  );
  assert.equal(
    notebookErrorOf('{\n "cells": [\n  {"é": x}]}'),
    'not a notebook: invalid JSON (invalid symbol at line 3, column 9)',
  );
  assert.equal(notebookErrorOf('[1, 2]'), 'not a notebook: the file is not a JSON object');
  assert.match(notebookErrorOf('{"nbformat": 4}'), /no "cells" list/);
  assert.match(notebookErrorOf('{"worksheets": [{"metadata": {}}]}'), /worksheet 1 has no "cells" list/);
  assert.match(notebookErrorOf('{"cells": [{"cell_type": "code", "source": 3}]}'), /cell 1 has no "source"/);
  assert.match(
    notebookErrorOf('{"worksheets": [{"cells": [{"cell_type": "code", "source": "x"}]}]}'),
    /cell 1 has no "input"/,
  );
  // Cells nbformat would refuse are not skipped unseen.
  assert.equal(notebookErrorOf('{"cells": ["x = 1"]}'), 'not a notebook: cell 1 is not an object');
  assert.equal(
    notebookErrorOf('{"cells": [{"cell_type": "markdown", "source": ""}, {"source": "x = 1"}]}'),
    'not a notebook: cell 2 has no "cell_type" string',
  );
});

test('JSON nested deeper than a notebook nests is refused before the parser recurses through it', () => {
  const nested = (depth: number) => `{"metadata": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}, "cells": []}`;
  // The object and "metadata" are two levels.
  assert.deepEqual(readNotebook(nested(MAX_JSON_DEPTH - 2)).cells, []);
  assert.equal(
    notebookErrorOf(nested(100_000)),
    `not a notebook: its JSON nests 100002 levels deep, more than the ${MAX_JSON_DEPTH} read`,
  );
  // Brackets inside strings, escaped quotes included, are text.
  const inString = `{"cells": [{"cell_type": "code", "source": "x = \\"${'['.repeat(1000)}\\""}]}`;
  assert.equal(readNotebook(inString).cells.length, 1);
});

test('a key given twice counts as the last one, as Python reads it, both when reading and when writing a fix', () => {
  const twice = NOTEBOOK.replace('"source": "c = \'caf\\u00e9\'"', '"source": "old = 1", "source": "c = 2"');
  assert.notEqual(twice, NOTEBOOK);
  assert.equal(readNotebook(twice).cells.at(-1)!.text, 'c = 2');
  const fixed = withCellSources(twice, new Map([[3, 'c = 3']]));
  assert.equal(fixed, twice.replace('"source": "c = 2"', '"source": "c = 3"'));
  assert.equal(readNotebook(fixed).cells.at(-1)!.text, 'c = 3');
});
