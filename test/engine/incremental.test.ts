// Incremental analysis gives what a whole analysis of the same text gives,
// whatever the edits, and re-analyses only what an edit can have changed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, type AnalysisOptions } from '../../server/src/engine/analyze';
import { IncrementalAnalysis } from '../../server/src/engine/incremental';
import { OpenDocuments } from '../../server/src/document/documents';
import { parse, pythonParser } from '../../server/src/document/parser';
import { ALL_RULES } from '../../server/src/rules';
import { corpus, randomChange, seededRandom } from '../reliability/fuzz';
import { FIXTURES } from '../support/paths';
import { applyContentChanges } from '../support/textEdits';

const OPTIONS: AnalysisOptions = { rules: ALL_RULES, severity: { MEM102: 'error' } };
const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_241_125);

/** The rule fixtures, each one a module of cases that read each other's module-level names. */
function ruleFixtures(): { name: string; text: string }[] {
  const dir = join(FIXTURES, 'rules');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.py'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Edits that reach across statements: module-level names rebound, declared global, shadowed by a star import, suppressed. */
function crossStatementChange(random: () => number, text: string): string {
  const names = [...new Set([...(text.match(/^[A-Za-z_]\w*(?= = )/gm) ?? []), 'np', 'pd', 'list', 'sum', 'open', 'Point', 'rows'])];
  const name = names[Math.floor(random() * names.length)]!;
  const lines = text.split('\n');
  const at = Math.floor(random() * (lines.length + 1));
  const inserted = [
    `${name} = None`,
    `import numpy as ${name}`,
    `def ${name}():\n    pass`,
    `def g():\n    global ${name}\n    ${name} = []`,
    'from os import *',
    `# deliberate\n${name}s = list(range(3))`,
    `for ${name} in range(3):\n    pass`,
    `x = eval("${name}")`,
    `class ${name}:\n    pass`,
    `${name}.attr = 1`,
  ];
  lines.splice(at, 0, inserted[Math.floor(random() * inserted.length)]!);
  return lines.join('\n');
}

test(`after random edits, incremental findings equal a whole analysis (seed ${SEED})`, async (t) => {
  const parser = await pythonParser();
  const random = seededRandom(SEED);
  const files = [...ruleFixtures(), ...corpus(['bisect.py', 'heapq.py'])];
  let edits = 0;
  let analysed = 0;
  let chunks = 0;
  for (const file of files) {
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    for (let step = 0; step < 25; step++) {
      const tree = parse(parser, text);
      try {
        const expected = analyze(tree, text, OPTIONS);
        assert.deepEqual(incremental.analyze(tree, text), expected, `${file.name}, seed ${SEED}, after ${step} edits`);
        if (step > 0) {
          analysed += incremental.lastAnalysedChunks;
          chunks += tree.rootNode.namedChildCount;
        }
      } finally {
        tree.delete();
      }
      text = random() < 0.3 ? crossStatementChange(random, text) : applyContentChanges(text, [randomChange(random, text)]);
      edits++;
    }
  }
  t.diagnostic(`${edits} edits over ${files.length} files; ${analysed} of about ${chunks} top-level statements analysed again`);
  // Most edits touch one statement: reuse must happen, or this is a whole analysis in disguise.
  assert.ok(analysed < chunks / 2, `${analysed} of ${chunks} statements were analysed again`);
});

/** Analyses a text with `incremental`, checks the findings against a whole analysis, and gives their codes. */
async function checkedRunner(incremental: IncrementalAnalysis): Promise<(text: string) => string[]> {
  const parser = await pythonParser();
  return (text) => {
    const tree = parse(parser, text);
    try {
      const findings = incremental.analyze(tree, text);
      assert.deepEqual(findings, analyze(tree, text, OPTIONS));
      return findings.map((finding) => finding.code);
    } finally {
      tree.delete();
    }
  };
}

test('an edit inside one function re-analyses that function alone; rebinding a name it reads re-analyses its readers', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (body: string, binding: string) =>
    `import numpy as np\n\ndef a(xs):\n    return sum([x for x in xs])\n\ndef b(ys):\n    ${body}\n\ndef c(zs):\n    return np.array([len(z) for z in zs])\n${binding}`;
  assert.deepEqual(run(module('return len(ys)', '')), ['MEM101', 'MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 4);
  run(module('return len(list(ys))', ''));
  assert.equal(incremental.lastAnalysedChunks, 1, 'only b changed');
  // `sum` bound at module level: `a` read it (as the builtin), so `a` is analysed again and its finding goes.
  assert.deepEqual(run(module('return len(list(ys))', 'sum = max\n')), ['MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 2, 'a and the new statement');
  // `np` rebound: `c` read it.
  assert.deepEqual(run(module('return len(list(ys))', 'sum = max\nnp = None\n')), []);
});

test('a rule whose anchor an edit spells for the first time finds it there, and the other statements keep their findings', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (loop: string) => `import pandas as pd\n\ndef a(xs):\n    return sum([x for x in xs])\n\ndef b(df):\n    ${loop}\n`;
  assert.deepEqual(run(module('for row in df.rows():\n        print(row)')), ['MEM101']);
  // MEM402 starts from the name `iterrows`, which only b spells.
  assert.deepEqual(run(module('for _, row in df.iterrows():\n        print(row)')), ['MEM101', 'MEM402']);
  assert.equal(incremental.lastAnalysedChunks, 1, 'only b changed');
  assert.deepEqual(run(module('for _, row in df.iterrows():\n        print(row, 1)')), ['MEM101', 'MEM402']);
  assert.equal(incremental.lastAnalysedChunks, 1);
  assert.deepEqual(run(module('for row in df.rows():\n        print(row)')), ['MEM101']);
  assert.equal(incremental.lastAnalysedChunks, 1);
});

test('a broken statement whose tree an edit elsewhere changes is analysed again, though its text is the same', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  // tree-sitter recovers from the first line's error differently once the quote on the third line opens a string.
  const broken = '    for pah in paths:\n        frame = pd.concat([frame, pd.read_csv(path)])max([abs(v) for v in vs])\n';
  const before = `${broken}    return [positions[i] for i in range(len(positions)) if i % 2 == 0]\ndef count_high(readings, limit):\nelse:\n`;
  const after = `${broken}    return [positions[i] for i in range(len(positions)) if i % ' count_high(readings, limit):\nelse:\n`;
  const parser = await pythonParser();
  const shape = (text: string) => {
    const tree = parse(parser, text);
    try {
      return tree.rootNode.descendantForIndex(broken.indexOf('frame ='))?.parent?.toString();
    } finally {
      tree.delete();
    }
  };
  assert.notEqual(shape(before), shape(after), 'the same text parses otherwise');
  run(before);
  run(after);
});

test('an import alias of an anchor name that comes or goes has every statement analysed again', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (imports: string) => `${imports}\n\ndef a(xs):\n    return arr([len(x) * 2 for x in xs])\n\ndef b():\n    pass\n`;
  assert.deepEqual(run(module('import numpy as np')), []);
  // `arr` spells no anchor of MEM403: the alias the import gives makes it one.
  assert.deepEqual(run(module('from numpy import array as arr')), ['MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 3);
  assert.deepEqual(run(module('from numpy import array as arr  # the same alias')), ['MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 2, 'the same aliases: the import, and a, which looks `arr` up');
  assert.deepEqual(run(module('from numpy import zeros as arr')), []);
  assert.equal(incremental.lastAnalysedChunks, 3);
});

test(`over a document parsed in regions, incremental findings equal a whole analysis of the same regions (seed ${SEED})`, async () => {
  const parser = await pythonParser();
  const random = seededRandom(SEED + 1);
  const uri = 'file:///incremental-regions.py';
  for (const file of corpus(['argparse.py'], 100_000).filter((candidate) => candidate.name.startsWith('stdlib/'))) {
    const documents = new OpenDocuments(parser);
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    let document = documents.opened(uri, 'python', 1, text);
    assert.ok(document.module.parts.length > 1, 'the file is cut into regions');
    for (let step = 0; step < 40; step++) {
      assert.deepEqual(incremental.analyze(document.module, text), analyze(document.module, text, OPTIONS), `${file.name}, seed ${SEED}, after ${step} edits`);
      const change = randomChange(random, text);
      text = applyContentChanges(text, [change]);
      document = documents.changed(uri, step + 2, [change])!;
    }
    documents.closed(uri);
  }
});

test('module-level code that only calls a builtin leaves its readers alone; binding it, or importing it under an alias, does not', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (extra: string) => `def a(xs):\n    return sum([x for x in xs])\n\ndef b(ys):\n    return len(ys)\n${extra}`;
  assert.deepEqual(run(module('')), ['MEM101']);
  run(module('print(sum(len(v) for v in "abc"))\n'));
  assert.equal(incremental.lastAnalysedChunks, 1, 'only the new statement: it binds nothing');
  assert.deepEqual(run(module('sum = max\n')), []);
  assert.equal(incremental.lastAnalysedChunks, 2, 'a read sum: it is analysed again, b is not');
  // An alias is found by the name it imports: readers of that name are analysed again.
  assert.deepEqual(run(module('from builtins import sum as total\n')), ['MEM101']);
  assert.equal(incremental.lastAnalysedChunks, 2, 'a and the import');
});

test('an edit undone brings back the findings of the statements it took away without analysing them again', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const functions = ['def a(xs):\n    return sum([x for x in xs])', 'def b(ys):\n    return len(list(ys))', 'def c(zs):\n    return max([z for z in zs])'];
  const original = `import numpy as np\n\n${functions.join('\n\n')}\n`;
  const codes = run(original);
  // An unclosed bracket in `a` swallows what follows it into one broken statement.
  const broken = original.replace('sum([x', 'sum([(x');
  run(broken);
  assert.ok(incremental.lastAnalysedChunks >= 1);
  assert.deepEqual(run(original), codes);
  assert.equal(incremental.lastAnalysedChunks, 0, 'every statement of the mended text was found before the break');
});

test('a statement that comes back elsewhere than it left is analysed again: what is bound above it changed', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const loop = 'for part in parts:\n    text += part\n';
  const binding = 'text = ""\n';
  // After the binding, the loop grows a str (MEM201); before it, `text` is nothing known.
  assert.deepEqual(run(`${binding}${loop}`), ['MEM201']);
  assert.deepEqual(run(binding), []);
  assert.deepEqual(run(`${loop}${binding}`), []);
  assert.equal(incremental.lastAnalysedChunks, 1);
  // Back where it was (after the binding, once more), it is found as it was.
  assert.deepEqual(run(binding), []);
  assert.deepEqual(run(`${binding}${loop}`), ['MEM201']);
});

test('findings told from the text alone are checked again when the text they read changes elsewhere', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  // MEM301 turns a class down for a base the file does not define, and takes it up once the file does.
  const slotless = 'class P(Base):\n    def __init__(self, a):\n        self.a = a\n\n\nps = [P(row) for row in rows]\n';
  assert.deepEqual(run(slotless), []);
  assert.deepEqual(run(`${slotless}\n\nclass Base:\n    pass\n`), ['MEM301']);
  // MEM201 passes by a name whose assignments make no text, until an import could rename a builtin.
  const grown = '\n\ndef render(parts):\n    payload = data()\n    for part in parts:\n        payload += part\n    return payload\n';
  assert.deepEqual(run(grown), []);
  assert.deepEqual(run(`from builtins import bytes as data\n${grown}`), ['MEM201']);
});

test(`after random edits each undone at once, incremental findings equal a whole analysis (seed ${SEED})`, async (t) => {
  const parser = await pythonParser();
  const random = seededRandom(SEED + 2);
  // Every file checks that findings equal a whole analysis; the count of statements analysed
  // again is kept over the library modules alone, whose text does not change as rule fixtures grow.
  const measured = corpus(['bisect.py', 'heapq.py']);
  const files = [...ruleFixtures(), ...measured];
  let onEdits = 0;
  let onUndos = 0;
  const check = (incremental: IncrementalAnalysis, text: string, where: string): number => {
    const tree = parse(parser, text);
    try {
      assert.deepEqual(incremental.analyze(tree, text), analyze(tree, text, OPTIONS), where);
      return incremental.lastAnalysedChunks;
    } finally {
      tree.delete();
    }
  };
  for (const file of files) {
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    check(incremental, text, file.name);
    for (let step = 0; step < 10; step++) {
      const edited = random() < 0.3 ? crossStatementChange(random, text) : applyContentChanges(text, [randomChange(random, text)]);
      const afterEdit = check(incremental, edited, `${file.name}, seed ${SEED + 2}, edit ${step}`);
      const afterUndo = check(incremental, text, `${file.name}, seed ${SEED + 2}, edit ${step} undone`);
      if (measured.includes(file)) {
        onEdits += afterEdit;
        onUndos += afterUndo;
      }
      // Some edits stay, so that the next ones start from another text.
      if (random() < 0.5) text = edited;
    }
  }
  t.diagnostic(`${onEdits} statements analysed again after the edits, ${onUndos} after undoing them`);
  assert.ok(onUndos < onEdits / 2, `an undo should find most statements it brings back: ${onUndos} analysed after undos, ${onEdits} after edits`);
});
