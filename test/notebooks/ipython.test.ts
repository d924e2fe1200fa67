// IPython syntax blanked before parsing: same length, line breaks kept, the
// Python that runs in the notebook kept, nothing else left for tree-sitter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankIPython } from '../../server/src/notebooks/ipython';
import { parse, pythonParser } from '../../server/src/document/parser';
import { findingsIn } from '../support/analyze';

async function parsesCleanly(text: string): Promise<boolean> {
  const tree = parse(await pythonParser(), text);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** Blanks a cell and checks what holds for every cell: length, line breaks, a clean parse. */
async function blanked(cell: string): Promise<string> {
  const { text } = blankIPython(cell);
  assert.equal(text.length, cell.length);
  assert.deepEqual(
    [...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index),
    [...cell.matchAll(/\r\n|\r|\n/g)].map((m) => m.index),
  );
  assert.ok(await parsesCleanly(text), `does not parse:\n${text}`);
  return text;
}

test('line magics, shell escapes and help requests become blank lines', async () => {
  const cell = [
    '%matplotlib inline',
    '%load_ext autoreload',
    '!pip install pandas',
    '!!ls',
    '?np.zeros',
    'np.zeros??',
    'df.head?',
    'import numpy as np',
    '',
  ].join('\n');
  const expected = cell
    .split('\n')
    .map((line, i) => (i < 7 ? ' '.repeat(line.length) : line))
    .join('\n');
  assert.equal(await blanked(cell), expected);
});

test('Python-looking text in strings and comments is left alone', async () => {
  const cell = 's = """\n%not a magic\n!nor a shell\n"""\nquestion = "what?"  # why?\nx = (1 +\n     2)\n';
  assert.equal(await blanked(cell), cell);
});

test('%time and %timeit keep their statement, behind `if 1:` so that it stays on its own line', async () => {
  assert.equal(await blanked('%time x = f()\n'), 'if 1: x = f()\n');
  assert.equal(await blanked('%timeit -n 10 -r3 -q f(x)\n'), `if 1:${' '.repeat(16)}f(x)\n`);
  // Indented under a loop, the statement stays in the loop body and no deeper.
  const text = await blanked('for i in r:\n    %time g(i)\nafter = 1\n');
  assert.equal(text, 'for i in r:\n    if 1: g(i)\nafter = 1\n');
  // A compound statement cannot follow `if 1:` on one line.
  assert.equal((await blanked('%timeit for x in r: pass\n')).trim(), '');
});

test('a name bound from a magic or shell escape stays bound', async () => {
  assert.equal(await blanked('files = !ls *.csv\n'), 'files = ...      \n');
  assert.equal(await blanked('t = %timeit -o f()\n'), 't = ...           \n');
  assert.equal(await blanked('a = !x\n'), 'a = 0 \n');
});

test('cell magics: %%time and %%timeit bodies are Python, other bodies are not', async () => {
  assert.equal(await blanked('\n%%time\ntotal = sum([x for x in xs])\n'), '\n      \ntotal = sum([x for x in xs])\n');
  assert.equal(await blanked('%%timeit -n 3\ny = 1\n'), `${' '.repeat(13)}\ny = 1\n`);
  for (const magic of ['%%bash', '%%writefile helper.py', '%%html', '%%sql', '%%javascript']) {
    const cell = `${magic}\ntotal = sum([x for x in xs])\necho "$HOME"\n`;
    assert.equal((await blanked(cell)).trim(), '', magic);
  }
});

test('timed code: the statement of %time and %timeit to the end of its logical line, the body of %%time and %%timeit', () => {
  const timedText = (cell: string) => blankIPython(cell).timed.map((span) => cell.slice(span.start, span.end));
  assert.deepEqual(timedText('%timeit -n 10 -r3 f(x)\ny = [0] * 9\n'), ['f(x)']);
  assert.deepEqual(timedText('for i in r:\n    %time g(i,\n           [a for a in b])\nafter = 1\n'), [
    'g(i,\n           [a for a in b])',
  ]);
  assert.deepEqual(timedText('\n%%time\ntotal = sum([x for x in xs])\n'), ['\ntotal = sum([x for x in xs])\n']);
  assert.deepEqual(timedText('%%timeit -n 3 setup()\ny = 1'), ['\ny = 1']);
  // Magics that run Python without timing it, and timing magics whose code is not kept, time nothing.
  for (const cell of [
    '%prun f()\n',
    '%memit f()\n',
    '%%capture out\nf()\n',
    '%%prun\nf()\n',
    '%time df.head?\n',
    't = %timeit -o f()\n',
    '%%bash\nls\n',
  ]) {
    assert.deepEqual(timedText(cell), [], cell);
  }
});

test('a shell escape continued with a backslash is blanked on every line', async () => {
  assert.equal((await blanked('!echo one \\\n   two\nx = 1\n')).split('\n').slice(0, 2).join('').trim(), '');
});

test('the blanked spans are where the text changed', () => {
  const cell = '%matplotlib inline\nx = 1\n%time y = 2\n';
  const { text, blanked: spans } = blankIPython(cell);
  const changed = [...cell].flatMap((ch, i) => (text[i] !== ch ? [i] : []));
  for (const offset of changed)
    assert.ok(
      spans.some((span) => span.start <= offset && offset < span.end),
      `offset ${offset} changed outside the spans`,
    );
  assert.deepEqual(spans, [
    { start: 0, end: 18 },
    { start: 25, end: 31 },
  ]);
});

test('no hint comes from code that IPython does not run as Python', async () => {
  const hidden = blankIPython('%%writefile job.py\nimport numpy as np\ntotal = sum([x * x for x in range(10)])\n').text;
  assert.deepEqual(await findingsIn(hidden), []);
  const timed = blankIPython('%%time\ntotal = sum([x * x for x in range(10)])\n').text;
  assert.deepEqual(
    (await findingsIn(timed)).map((f) => f.code),
    ['MEM101'],
  );
});
