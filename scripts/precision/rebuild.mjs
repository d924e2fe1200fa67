#!/usr/bin/env node
// Rebuilds the precision corpus from scripts/precision/corpus.json: clones each repository,
// writes the .py and .ipynb files of the recorded commit to CORPUS/<owner>+<name>, leaves
// out the files the manifest lists as absent, then the .py exports of notebooks. Nothing
// else of the repositories is kept, unless --with-data: then the data files too, chosen by
// the manifest's `dataSelection` (extensions, largest size), less each repository's
// `data.absent` and `data.lfsPointers`. Check the result with `manifest.mjs CORPUS --check`.
//
//   node scripts/precision/rebuild.mjs CORPUS [--manifest scripts/precision/corpus.json]
//        [--source https://github.com/{repository}.git] [--only owner+name,...] [--with-data]
//
// --source is where to clone from; {repository} and {folder} are replaced (a local mirror
// works as well as GitHub).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    manifest: { type: 'string', default: 'scripts/precision/corpus.json' },
    source: { type: 'string', default: 'https://github.com/{repository}.git' },
    only: { type: 'string' },
    'with-data': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error(
    'usage: node scripts/precision/rebuild.mjs CORPUS [--manifest FILE] [--source URL-TEMPLATE] [--only FOLDERS] [--with-data]',
  );
  process.exit(2);
}

const corpus = positionals[0];
const only = values.only ? new Set(values.only.split(',')) : undefined;
const manifest = JSON.parse(readFileSync(values.manifest, 'utf8'));
const dataFile = values['with-data'] ? dataFilter(manifest.dataSelection) : undefined;
for (const repo of manifest.repositories) {
  if (only && !only.has(repo.folder)) continue;
  const url = values.source.replaceAll('{repository}', repo.repository).replaceAll('{folder}', repo.folder);
  const clone = mkdtempSync(join(tmpdir(), 'memhints-corpus-'));
  try {
    git(['clone', '--quiet', '--bare', url, clone]);
    const entries = blobsOf(clone, repo.commit);
    const sources = entries.filter((e) => /\.(py|ipynb)$/.test(e.path) && !repo.absent.includes(e.path));
    const written = writeBlobs(clone, sources, join(corpus, repo.folder));
    const exports = removeNotebookExports(join(corpus, repo.folder), written);
    let data = '';
    if (dataFile) {
      const left = new Set([...(repo.data?.absent ?? []), ...(repo.data?.lfsPointers ?? [])]);
      const chosen = entries.filter((e) => !sources.includes(e) && dataFile(e) && !left.has(e.path));
      writeBlobs(clone, chosen, join(corpus, repo.folder));
      data = `, ${chosen.length} data files`;
    }
    console.error(
      `${repo.folder}: ${written.length - exports} files at ${repo.commit.slice(0, 10)} (${exports} notebook exports left out)${data}`,
    );
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

/** The commit's blobs, symbolic links left out, with their sizes. */
function blobsOf(gitDir, commit) {
  return git(['--git-dir', gitDir, 'ls-tree', '-r', '-l', '-z', commit])
    .split('\0')
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [meta, path] = entry.split('\t');
      const [mode, type, sha, size] = meta.trim().split(/\s+/);
      return { mode, type, sha, size: Number(size), path };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
}

/** Data files: a name ending in one of the extensions, at most maxBytes long. */
function dataFilter(selection) {
  if (!selection) throw new Error('--with-data needs a manifest with a dataSelection');
  const extensions = new Set(selection.extensions);
  return (entry) => {
    const dot = entry.path.lastIndexOf('.');
    return (
      dot > entry.path.lastIndexOf('/') &&
      extensions.has(entry.path.slice(dot + 1).toLowerCase()) &&
      entry.size <= selection.maxBytes
    );
  };
}

/** Writes the blobs under target at their paths; returns the paths. */
function writeBlobs(gitDir, entries, target) {
  for (const entry of entries) {
    const file = join(target, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, gitBytes(['--git-dir', gitDir, 'cat-file', 'blob', entry.sha]));
  }
  return entries.map((e) => e.path);
}

/** A .py beside a .ipynb of the same name is the notebook's nbconvert export: the notebook is checked, not both. */
function removeNotebookExports(target, paths) {
  const present = new Set(paths);
  let removed = 0;
  for (const path of paths) {
    if (!path.endsWith('.ipynb')) continue;
    const exported = `${path.slice(0, -'.ipynb'.length)}.py`;
    if (present.has(exported) && existsSync(join(target, exported))) {
      unlinkSync(join(target, exported));
      removed += 1;
    }
  }
  return removed;
}

function git(args) {
  return gitBytes(args).toString('utf8');
}

function gitBytes(args) {
  const result = spawnSync('git', args, { maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.toString().trim()}`);
  return result.stdout;
}
