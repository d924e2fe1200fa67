// Which calls read a data file, and what the code says about the read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataReadOf, type DataRead } from '../../server/src/data/readCalls';
import { withSource } from '../support/tree';

async function readAt(source: string, call: string): Promise<Omit<DataRead, 'call'> | undefined> {
  return withSource(source, ({ facts, node }) => {
    const found = dataReadOf(node(call), facts);
    if (!found) return undefined;
    const { call: _call, ...rest } = found;
    return rest;
  });
}

test('pd.read_csv with a literal path and literal options', async () => {
  const source =
    'import pandas as pd\ndf = pd.read_csv("data/sales.csv", usecols=["a", "b"], dtype={"a": "category", "b": np.int32}, nrows=10, parse_dates=["d"])\nimport numpy as np\n';
  const read = await readAt(
    source,
    'pd.read_csv("data/sales.csv", usecols=["a", "b"], dtype={"a": "category", "b": np.int32}, nrows=10, parse_dates=["d"])',
  );
  assert.deepEqual(read, {
    format: 'csv',
    path: 'data/sales.csv',
    options: { usecols: ['a', 'b'], dtype: { a: 'category', b: 'int32' }, nrows: 10, parseDates: ['d'] },
  });
});

test('index_col, header, names, NA strings, skiprows lines, encoding, thousands and low_memory from literals', async () => {
  const call =
    'pd.read_csv("spx.csv", index_col=0, parse_dates=True, header=None, names=["d", "v"], keep_default_na=False, na_values=["-"], skiprows=[1, 3], encoding="latin1", thousands=",", low_memory=False)';
  const read = await readAt(`import pandas as pd\ndf = ${call}\n`, call);
  assert.deepEqual(read?.options, {
    indexCol: 0,
    parseDates: true,
    header: null,
    names: ['d', 'v'],
    keepDefaultNa: false,
    naValues: ['-'],
    skiprows: [1, 3],
    encoding: 'latin1',
    thousands: ',',
    lowMemory: false,
  });
  const other = 'pd.read_csv("x.csv", index_col=["a", "b"], na_values="?", parse_dates=False, index_col_x=1)';
  assert.deepEqual((await readAt(`import pandas as pd\ndf = ${other}\n`, other))?.options, {
    indexCol: ['a', 'b'],
    naValues: ['?'],
  });
});

test('an option given with a value not read from literals is not modelled, not dropped', async () => {
  const call =
    'pd.read_csv("x.csv", skiprows=lambda i: i % 2, na_values={"a": ["-"]}, encoding=enc, header=[0, 1], thousands=sep)';
  const read = await readAt(`import pandas as pd\nenc = input()\nsep = input()\ndf = ${call}\n`, call);
  assert.deepEqual(read?.options.unmodelled, ['skiprows', 'header', 'na_values', 'encoding', 'thousands']);
});

test('read_table reads tab-separated text unless sep says otherwise', async () => {
  const source = 'from pandas import read_table\nt = read_table("x.tsv")\nu = read_table("y.txt", sep="|")\n';
  assert.deepEqual((await readAt(source, 'read_table("x.tsv")'))?.options, { sep: '\t' });
  assert.deepEqual((await readAt(source, 'read_table("y.txt", sep="|")'))?.options, { sep: '|' });
});

test('a path held by a module-level constant, a Path or os.path.join of literals', async () => {
  const source = [
    'import os, pandas as pd',
    'from pathlib import Path',
    'DATA = Path("data")',
    'TRAIN = DATA / "train.csv"',
    'a = pd.read_csv(TRAIN)',
    'b = pd.read_csv(os.path.join("input", "test.csv"))',
    'c = pd.read_parquet(Path("/abs", "x.parquet"), columns=["k"])',
    '',
  ].join('\n');
  assert.equal((await readAt(source, 'pd.read_csv(TRAIN)'))?.path, 'data/train.csv');
  assert.equal((await readAt(source, 'pd.read_csv(os.path.join("input", "test.csv"))'))?.path, 'input/test.csv');
  assert.deepEqual(await readAt(source, 'pd.read_parquet(Path("/abs", "x.parquet"), columns=["k"])'), {
    format: 'parquet',
    path: '/abs/x.parquet',
    options: { usecols: ['k'] },
  });
});

test('a computed path is no data read: f-strings, parameters, names bound twice', async () => {
  const source = [
    'import pandas as pd',
    'def load(p):',
    '    return pd.read_csv(p)',
    'name = "a.csv"',
    'name = "b.csv"',
    'x = pd.read_csv(name)',
    'y = pd.read_csv(f"{name}.csv")',
    '',
  ].join('\n');
  assert.equal(await readAt(source, 'pd.read_csv(p)'), undefined);
  assert.equal(await readAt(source, 'pd.read_csv(name)'), undefined);
  assert.equal(await readAt(source, 'pd.read_csv(f"{name}.csv")'), undefined);
});

test('np.load tells .npy from .npz by the extension', async () => {
  const source = 'import numpy as np\na = np.load("a.npy")\nb = np.load("b.NPZ")\n';
  assert.equal((await readAt(source, 'np.load("a.npy")'))?.format, 'npy');
  assert.equal((await readAt(source, 'np.load("b.NPZ")'))?.format, 'npz');
});

test('text reads: read, readlines, bytes, Path.read_text, json.load', async () => {
  const source = [
    'import json',
    'from pathlib import Path',
    't = open("a.txt").read()',
    'l = open("a.txt", encoding="utf8").readlines()',
    'b = open("a.bin", "rb").read()',
    'p = Path("a.txt").read_text()',
    'j = json.load(open("a.json"))',
    'w = open("out.txt", "w").read()',
    '',
  ].join('\n');
  const kind = async (call: string) => {
    const read = await readAt(source, call);
    return read && `${read.format}:${read.textKind}:${read.path}`;
  };
  assert.equal(await kind('open("a.txt").read()'), 'text:text:a.txt');
  assert.equal(await kind('open("a.txt", encoding="utf8").readlines()'), 'text:lines:a.txt');
  assert.equal(await kind('open("a.bin", "rb").read()'), 'text:bytes:a.bin');
  assert.equal(await kind('Path("a.txt").read_text()'), 'text:text:a.txt');
  assert.equal(await kind('json.load(open("a.json"))'), 'json:json:a.json');
  assert.equal(await kind('open("out.txt", "w").read()'), undefined);
});

test('a file read through a name bound once to open(…): `with open(…) as f`, `f = open(…)`', async () => {
  const source = [
    'with open("shapes/bunny.obj") as f:',
    '    lines = f.readlines()',
    'g = open("notes.txt")',
    'text = g.read()',
    'h = open("a.txt")',
    'h = open("b.txt")',
    'other = h.read()',
    '',
  ].join('\n');
  const kind = async (call: string) => {
    const read = await readAt(source, call);
    return read && `${read.format}:${read.textKind}:${read.path}`;
  };
  assert.equal(await kind('f.readlines()'), 'text:lines:shapes/bunny.obj');
  assert.equal(await kind('g.read()'), 'text:text:notes.txt');
  assert.equal(await kind('h.read()'), undefined);
});

test('Feather, Excel, pandas JSON and pickles are recognised, so that the hover can say why they are not estimated', async () => {
  const cases: readonly (readonly [string, DataRead['format']])[] = [
    ['pd.read_feather("a.feather")', 'feather'],
    ['pd.read_excel("a.xlsx", sheet_name="s")', 'excel'],
    ['pd.read_json("a.json")', 'json-frame'],
    ['pd.read_pickle("a.pkl")', 'pickle'],
    ['pickle.load(open("a.pkl", "rb"))', 'pickle'],
  ];
  for (const [call, format] of cases) {
    const read = await readAt(`import pickle\nimport pandas as pd\nx = ${call}\n`, call);
    assert.equal(read?.format, format, call);
    assert.match(read?.path ?? '', /^a\.\w+$/, call);
  }
});
