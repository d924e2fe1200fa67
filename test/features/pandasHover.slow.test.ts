// The hover over a Series or DataFrame: what memory_usage(deep=True) sums first,
// then what pandas counts part by part and what sys.getsizeof adds, the pandas
// version the model follows, and a lower bound where an object column's strings
// are not in the code. Figures come from pandas in the first interpreter that imports it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';
import { shortBytes } from '../../server/src/sizes/format';
import { PANDAS_VERSION } from '../../server/src/sizes/pandas';
import { runPythonJson } from '../support/python';
import { pandasPythonOrSkip } from '../support/pythons';

const SOURCE = [
  'import numpy as np',
  'import pandas as pd',
  'n = 10',
  "df = pd.DataFrame({'a': np.zeros(n), 'b': np.arange(n), 'c': np.ones(n), 'tag': ['x'] * n})",
  'labels = pd.Series([f"row{i}" for i in range(3)])',
  "mixed = pd.DataFrame({'k': range(3), 'name': ['a', f'{n}', 'c']})",
  '',
].join('\n');

interface Truth {
  readonly df: { getsizeof: number; usage: number; index: number; columns: Record<string, number> };
  readonly mixed: { shallow: Record<string, number>; index: number };
}

const MEASURE = String.raw`
import json, sys
import pandas as pd
namespace = {}
exec(json.load(sys.stdin), namespace)
df, mixed = namespace["df"], namespace["mixed"]
print(json.dumps({
    "df": {
        "getsizeof": sys.getsizeof(df),
        "usage": int(df.memory_usage(deep=True).sum()),
        "index": int(df.index.memory_usage(deep=True)),
        "columns": {name: int(column.memory_usage(index=False, deep=True)) for name, column in df.items()},
    },
    "mixed": {
        "shallow": {name: int(column.memory_usage(index=False, deep=False)) for name, column in mixed.items()},
        "index": int(mixed.index.memory_usage(deep=True)),
    },
}))
`;

const interpreter = pandasPythonOrSkip();

describe('pandas hovers', { skip: interpreter.skip ?? false }, () => {
  let document: OpenDocument;
  let truth: Truth;

  before(async () => {
    document = new OpenDocuments(await pythonParser()).opened('file:///frames.py', 'python', 1, SOURCE);
    truth = runPythonJson<Truth>(MEASURE, SOURCE, interpreter.python);
  });

  /** A figure as the hover writes it for a model exact to the byte: "88 B", "7.9 KiB (8056 bytes)". */
  function exact(bytes: number): string {
    return bytes < 1024 ? `${bytes} B` : `${shortBytes(bytes)} (${bytes} bytes)`;
  }

  /** The same, as a hover's first line sets it: the rounded figure in bold. */
  function boldExact(bytes: number): string {
    return bytes < 1024 ? `**${bytes} B**` : `**${shortBytes(bytes)}** (${bytes} bytes)`;
  }

  function at(needle: string, shift = 0): Position {
    const offset = SOURCE.indexOf(needle);
    assert.ok(offset >= 0, needle);
    return document.text.positionAt(offset + shift);
  }

  function hover(needle: string, shift = 0): { text: string; range: string } {
    const found: Hover | null = hoverAt(document, at(needle, shift), DEFAULT_SETTINGS);
    assert.ok(found?.range, `no hover at ${needle}`);
    return { text: (found.contents as MarkupContent).value, range: document.text.getText(found.range) };
  }

  it('a DataFrame: memory_usage(deep=True) first, then each column, the index, what sys.getsizeof adds, the pandas version', () => {
    const { text, range } = hover('pd.DataFrame({');
    assert.ok(range.startsWith('pd.DataFrame({') && range.endsWith(' * n})'), range);
    assert.equal(
      text.split('\n')[0],
      `${boldExact(truth.df.usage)} — a DataFrame of 10 rows × 4 columns (2 float64, 1 int64, 1 object)`,
    );
    for (const name of ['a', 'b', 'c'])
      assert.ok(text.includes(`${shortBytes(truth.df.columns[name]!)} column \`${name}\`: 10 `), `${name}\n${text}`);
    assert.ok(text.includes(`${shortBytes(truth.df.index)} the RangeIndex`), text);
    assert.ok(
      text.includes(
        `- \`sys.getsizeof\` adds ${truth.df.getsizeof - truth.df.usage} B for the DataFrame object: ${exact(truth.df.getsizeof)}`,
      ),
      text,
    );
    assert.ok(text.includes(`pandas ${PANDAS_VERSION}, as \`memory_usage(deep=True).sum()\` counts`), text);
  });

  it('the object column: its pointers and its str objects, each row counted, adding up to what pandas counts', () => {
    const { text } = hover('pd.DataFrame({');
    const pointers = /- (\d+) B column `tag`: 10 object pointers/.exec(text);
    const objects = /- (\d+) B the objects column `tag` points to/.exec(text);
    assert.ok(pointers && objects, text);
    assert.equal(Number(pointers[1]) + Number(objects[1]), truth.df.columns['tag']);
  });

  it('an array inside the DataFrame call is a hover of its own', () => {
    const { range, text } = hover('np.zeros(n)', 3);
    assert.equal(range, 'np.zeros(n)');
    assert.match(text, /an array of 10 float64 items/);
  });

  it('strings the code does not show make the size unknown; the parts that are known agree with pandas', () => {
    const { text, range } = hover("pd.DataFrame({'k'");
    assert.ok(range.startsWith("pd.DataFrame({'k'"), range);
    // What is known is a lower bound: the index, the int column and the pointers of the str column.
    const known = truth.mixed.shallow['k']! + truth.mixed.shallow['name']! + truth.mixed.index;
    assert.equal(
      text.split('\n')[0],
      `**≥ ${known} B** — a DataFrame of 3 rows × 2 columns (1 int64, 1 object), not counting the objects of \`name\` (the code does not show them)`,
    );
    assert.ok(text.includes(`- ${truth.mixed.shallow['k']} B column \`k\`: 3 int64 values`), text);
    assert.ok(text.includes(`- ${truth.mixed.shallow['name']} B column \`name\`: 3 object pointers`), text);
    assert.ok(text.includes('- unknown: the objects column `name` points to'), text);
    assert.ok(text.includes(`- ${truth.mixed.index} B the RangeIndex`), text);
  });

  it('a Series of strings made at run time has no hover: neither its dtype nor its size is guessed', () => {
    assert.equal(hoverAt(document, at('pd.Series(['), DEFAULT_SETTINGS), null);
  });
});
