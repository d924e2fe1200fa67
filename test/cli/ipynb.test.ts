// Reading code cells from notebook JSON and writing fixed code back into it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotebookError, readNotebook, withCellSources } from '../../server/src/cli/ipynb';

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
  assert.deepEqual(cells.map((cell) => [cell.number, cell.text]), [[2, 'a = 1\nb = 2'], [3, "c = 'café'"]]);
});

test('a changed line is rewritten in place; a change in the number of lines rewrites the list in its layout', () => {
  const { cells } = readNotebook(NOTEBOOK);
  const sameLines = withCellSources(NOTEBOOK, cells, new Map([[2, 'a = 1\nb = 3']]));
  assert.equal(sameLines, NOTEBOOK.replace('"b = 2"', '"b = 3"'));
  const moreLines = withCellSources(NOTEBOOK, cells, new Map([[2, 'a = 1\nb = 2\nc = 3\n']]));
  assert.equal(moreLines, NOTEBOOK.replace('"b = 2"\n', '"b = 2\\n",\n    "c = 3\\n"\n'));
  assert.deepEqual(readNotebook(moreLines).cells[0]!.text, 'a = 1\nb = 2\nc = 3\n');
});

test('a file that escapes non-ASCII characters keeps doing so', () => {
  const { cells } = readNotebook(NOTEBOOK);
  const fixed = withCellSources(NOTEBOOK, cells, new Map([[3, "c = 'café!'"]]));
  assert.ok(fixed.includes(`"source": "c = 'caf\\u00e9!'"`), fixed);
});

test('what is not an nbformat 4 notebook is said to be so', () => {
  assert.throws(() => readNotebook('{"worksheets": []}'), (error: unknown) => error instanceof NotebookError && /nbformat 3/.test(error.message));
  assert.throws(() => readNotebook('[1, 2]'), NotebookError);
  assert.throws(() => readNotebook('{"cells": [{"cell_type": "code", "source": 3}]}'), /cell 1 has no "source"/);
});
