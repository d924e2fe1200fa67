// The analysis of a chunk of a class cut into chunks records every read of the
// other chunks of its class (and of other classes' chunks) that an edit there
// could change: watched node by node over the rule fixtures and the examples.
// And the names a class's statement binds there, read from its text when it
// plainly defines a method, are those its tree gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModuleParts } from '../../server/src/document/moduleParts';
import { parse, pythonParser } from '../../server/src/document/parser';
import { topLevelChunks } from '../../server/src/engine/topLevelChunks';
import { classLevelNames, classLevelNamesInTree } from '../../server/src/semantics/moduleLevelNames';
import { corpus, ruleFixtureCorpus } from '../reliability/fuzz';
import { unrecordedReads } from './chunkReads';

test('what a chunk of a class reads of other chunks, its dependencies answer for', async () => {
  const found = [];
  for (const file of [...ruleFixtureCorpus(), ...corpus([])])
    found.push(...(await unrecordedReads(file.name, file.text)));
  assert.deepEqual(found, []);
});

test("what a class's statement binds there, told from its text, is what its tree tells", async () => {
  const parser = await pythonParser();
  let members = 0;
  for (const file of [...ruleFixtureCorpus(), ...corpus([])]) {
    const tree = parse(parser, file.text);
    try {
      for (const chunk of topLevelChunks(ModuleParts.from(tree), file.text)) {
        if (chunk.inClass?.role !== 'member') continue;
        members++;
        const text = file.text.slice(chunk.start, chunk.end);
        assert.deepEqual(
          classLevelNames(chunk.nodes, text),
          classLevelNamesInTree(chunk.nodes),
          `${file.name}: ${text}`,
        );
      }
    } finally {
      tree.delete();
    }
  }
  assert.ok(members > 100, `${members} statements of classes' bodies`);
});
