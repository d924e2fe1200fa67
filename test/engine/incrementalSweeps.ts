// Seeded random edits replayed through IncrementalAnalysis, each result checked
// against a whole analysis of the same text (test/engine/incremental*.test.ts:
// a sample over the rule fixtures in the fast tests, the long sweep over stdlib
// modules in the slow ones).
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { analyze, type AnalysisOptions } from '../../server/src/engine/analyze';
import { IncrementalAnalysis } from '../../server/src/engine/incremental';
import { OpenDocuments } from '../../server/src/document/documents';
import { parse, pythonParser } from '../../server/src/document/parser';
import { ALL_RULES } from '../../server/src/rules';
import { fileNameHash, randomChange, seededRandom } from '../reliability/fuzz';
import { applyContentChanges } from '../support/textEdits';

export const OPTIONS: AnalysisOptions = { rules: ALL_RULES, severity: { MEM102: 'error' } };

type SourceFile = { readonly name: string; readonly text: string };

/** Edits that reach across statements: module-level names rebound, declared global, shadowed by a star import (of pandas and numpy: some names), suppressed. */
function crossStatementChange(random: () => number, text: string): string {
  const names = [
    ...new Set([...(text.match(/^[A-Za-z_]\w*(?= = )/gm) ?? []), 'np', 'pd', 'list', 'sum', 'open', 'Point', 'rows']),
  ];
  const name = names[Math.floor(random() * names.length)]!;
  const lines = text.split('\n');
  const at = Math.floor(random() * (lines.length + 1));
  const inserted = [
    `${name} = None`,
    `import numpy as ${name}`,
    `def ${name}():\n    pass`,
    `def g():\n    global ${name}\n    ${name} = []`,
    'from os import *',
    'from numpy import *',
    'from pandas import *',
    `# deliberate\n${name}s = list(range(3))`,
    `for ${name} in range(3):\n    pass`,
    `x = eval("${name}")`,
    `class ${name}:\n    pass`,
    `${name}.attr = 1`,
  ];
  lines.splice(at, 0, inserted[Math.floor(random() * inserted.length)]!);
  return lines.join('\n');
}

/** `steps` random edits to each file, findings checked after each; most edits touch one statement, so most statements must be reused. */
export async function checkRandomEdits(
  t: TestContext,
  files: readonly SourceFile[],
  seed: number,
  steps: number,
): Promise<void> {
  const parser = await pythonParser();
  const random = seededRandom(seed);
  let edits = 0;
  let analysed = 0;
  let chunks = 0;
  for (const file of files) {
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    for (let step = 0; step < steps; step++) {
      const tree = parse(parser, text);
      try {
        const expected = analyze(tree, text, OPTIONS);
        assert.deepEqual(incremental.analyze(tree, text), expected, `${file.name}, seed ${seed}, after ${step} edits`);
        if (step > 0) {
          analysed += incremental.lastAnalysedChunks;
          chunks += incremental.lastChunks;
        }
      } finally {
        tree.delete();
      }
      text =
        random() < 0.3
          ? crossStatementChange(random, text)
          : applyContentChanges(text, [randomChange(random, text, true)]);
      edits++;
    }
  }
  t.diagnostic(`${edits} edits over ${files.length} files; ${analysed} of ${chunks} chunks analysed again`);
  // Most edits touch one statement: reuse must happen, or this is a whole analysis in disguise.
  assert.ok(analysed < chunks / 2, `${analysed} of ${chunks} chunks were analysed again`);
}

/** `steps` random edits to each file opened as a document parsed in regions, findings checked after each. */
export async function checkRandomEditsOverRegions(
  files: readonly SourceFile[],
  seed: number,
  steps: number,
): Promise<void> {
  const parser = await pythonParser();
  const random = seededRandom(seed);
  const uri = 'file:///incremental-regions.py';
  for (const file of files) {
    const documents = new OpenDocuments(parser);
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    let document = documents.opened(uri, 'python', 1, text);
    assert.ok(document.module.parts.length > 1, 'the file is cut into regions');
    for (let step = 0; step < steps; step++) {
      assert.deepEqual(
        incremental.analyze(document.module, text),
        analyze(document.module, text, OPTIONS),
        `${file.name}, seed ${seed}, after ${step} edits`,
      );
      const change = randomChange(random, text, true);
      text = applyContentChanges(text, [change]);
      document = documents.changed(uri, step + 2, [change])!;
    }
    documents.closed(uri);
  }
}

/**
 * `edits` random edits to each file, each checked and then undone and checked
 * again. Gives how many statements were analysed again after the edits and
 * after the undos, counted over `measured` alone and over edits within a statement.
 */
export async function checkEditsUndone(
  files: readonly SourceFile[],
  measured: readonly SourceFile[],
  seed: number,
  edits: number,
): Promise<{ onEdits: number; onUndos: number }> {
  const parser = await pythonParser();
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
    // Each file's own stream: the edits of the measured files do not shift as rule fixtures are added before them.
    const random = seededRandom(seed + fileNameHash(file.name));
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    check(incremental, text, file.name);
    for (let step = 0; step < edits; step++) {
      const crossStatement = random() < 0.3;
      const edited = crossStatement
        ? crossStatementChange(random, text)
        : applyContentChanges(text, [randomChange(random, text)]);
      const afterEdit = check(incremental, edited, `${file.name}, seed ${seed}, edit ${step}`);
      const afterUndo = check(incremental, text, `${file.name}, seed ${seed}, edit ${step} undone`);
      // A change that reaches across statements (a star import, a global) changes what every statement reads, and so
      // does its undo: only edits within a statement are counted.
      if (measured.includes(file) && !crossStatement) {
        onEdits += afterEdit;
        onUndos += afterUndo;
      }
      // Some edits stay, so that the next ones start from another text.
      if (random() < 0.5) text = edited;
    }
  }
  return { onEdits, onUndos };
}
