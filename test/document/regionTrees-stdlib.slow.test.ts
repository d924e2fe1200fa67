// The long sweep of regionTrees.test.ts: seeded random edits over two stdlib
// modules of 80-100 KB (found through python3) and one of them with CRLF line
// ends; after each, the regions hold the trees of a whole parse.
import { test } from 'node:test';
import { corpus } from '../reliability/fuzz';
import { checkRandomEdits, withLineEndCopies } from './regionChecks';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_261_201);

test(`after random edits, the regions hold the trees of a whole parse whenever it has no syntax error (seed ${SEED})`, async (t) => {
  const stdlib = corpus(['argparse.py', 'difflib.py'], 100_000).filter((file) => file.name.startsWith('stdlib/'));
  await checkRandomEdits(t, withLineEndCopies(stdlib), SEED, 80);
});
