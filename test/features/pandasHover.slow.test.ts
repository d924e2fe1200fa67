// The hover over a Series or DataFrame: the size pandas reports (sys.getsizeof),
// what pandas counts part by part, the pandas version the model follows, and
// "unknown" where an object column's strings are not in the code. Figures
// come from pandas in the first interpreter that imports it.
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

  it('a DataFrame: sys.getsizeof, memory_usage(deep=True), each column and the index, the blocks, the pandas version', () => {
    const { text, range } = hover('pd.DataFrame({');
    assert.ok(range.startsWith('pd.DataFrame({') && range.endsWith(' * n})'), range);
    assert.ok(text.includes(`**Size** (\`sys.getsizeof\`): ${truth.df.getsizeof} bytes`), text);
    assert.ok(text.includes(`(\`memory_usage(deep=True)\`): ${truth.df.usage} bytes`), text);
    for (const name of ['a', 'b', 'c'])
      assert.ok(text.includes(`${shortBytes(truth.df.columns[name]!)} column \`${name}\`: 10 `), `${name}\n${text}`);
    assert.ok(text.includes(`${shortBytes(truth.df.index)} the RangeIndex`), text);
    assert.ok(text.includes(`**Added by \`sys.getsizeof\`:** ${truth.df.getsizeof - truth.df.usage} B`), text);
    assert.ok(text.includes(`pandas ${PANDAS_VERSION}`), text);
    assert.match(text, /follows pandas' own accounting/);
    assert.match(text, /2 float64, 1 int64, 1 object/);
    assert.match(text, /3 blocks, one 2-D array per dtype: float64 \(`a`, `c`\), int64 \(`b`\), object \(`tag`\)/);
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
    assert.match(text, /\*\*Size\*\* \(`sys.getsizeof`\): unknown: pandas counts every object of `name`/);
    assert.match(text, /\(`memory_usage\(deep=True\)`\): unknown/);
    assert.ok(text.includes(`- ${truth.mixed.shallow['k']} B column \`k\`: 3 int64 values`), text);
    assert.ok(text.includes(`- ${truth.mixed.shallow['name']} B column \`name\`: 3 object pointers`), text);
    assert.ok(text.includes('- unknown: the objects column `name` points to'), text);
    assert.ok(text.includes(`- ${truth.mixed.index} B the RangeIndex`), text);
  });

  it('a Series of strings made at run time has no hover: neither its dtype nor its size is guessed', () => {
    assert.equal(hoverAt(document, at('pd.Series(['), DEFAULT_SETTINGS), null);
  });
});
