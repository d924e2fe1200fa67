// The analysis of a chunk of a class cut into chunks records every read of the
// other chunks of its class (and of other classes' chunks) that an edit there
// could change: watched node by node over the rule fixtures and the examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpus, ruleFixtureCorpus } from '../reliability/fuzz';
import { unrecordedReads } from './chunkReads';

test('what a chunk of a class reads of other chunks, its dependencies answer for', async () => {
  const found = [];
  for (const file of [...ruleFixtureCorpus(), ...corpus([])])
    found.push(...(await unrecordedReads(file.name, file.text)));
  assert.deepEqual(found, []);
});
