#!/usr/bin/env node
// Runs `memhints check` in each repository folder of a corpus, as a user who opens that
// repository would: the folder is the workspace, so a read's relative path is found from
// the notebook's folder or from the repository's root (a check from the corpus root would
// try the corpus root instead). Prints one JSON array of the findings, their paths made
// relative to CORPUS again, so that sample.mjs and tally.mjs take it with --root CORPUS.
//
//   node scripts/precision/check-each.mjs CORPUS [--manifest scripts/precision/corpus-with-data.json] [-- MEMHINTS-OPTIONS]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { manifest: { type: 'string', default: 'scripts/precision/corpus-with-data.json' } },
  allowPositionals: true,
});
if (positionals.length < 1) {
  console.error('usage: node scripts/precision/check-each.mjs CORPUS [--manifest FILE] [-- MEMHINTS-OPTIONS]');
  process.exit(2);
}
const [corpus, ...options] = positionals;
const memhints = join(dirname(fileURLToPath(import.meta.url)), '../../bin/memhints.js');
const findings = [];
for (const repo of JSON.parse(readFileSync(values.manifest, 'utf8')).repositories) {
  const cwd = resolve(corpus, repo.folder);
  const run = spawnSync(
    process.execPath,
    [memhints, 'check', '.', '--format', 'json', '--exit-zero', '--no-progress', ...options],
    { cwd, maxBuffer: 1 << 30 },
  );
  // Exit code 2 with a JSON array: some files could not be read (malformed notebooks), the rest were checked.
  if (run.status !== 0 && run.status !== 2)
    throw new Error(`${repo.folder}: memhints exited with ${run.status}: ${run.stderr}`);
  if (run.stderr.length > 0) process.stderr.write(run.stderr);
  const own = JSON.parse(run.stdout.toString('utf8'));
  for (const finding of own) findings.push({ ...finding, file: `${repo.folder}/${finding.file}` });
  console.error(`${repo.folder}: ${own.length} findings`);
}
process.stdout.write(`${JSON.stringify(findings)}\n`);
