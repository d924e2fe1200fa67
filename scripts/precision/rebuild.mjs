#!/usr/bin/env node
// Rebuilds the precision corpus from scripts/precision/corpus.json: clones each repository,
// writes the .py and .ipynb files of the recorded commit to CORPUS/<owner>+<name>, leaves
// out the files the manifest lists as absent, then the .py exports of notebooks. Nothing
// else of the repositories is kept. Check the result with `manifest.mjs CORPUS --check`.
//
//   node scripts/precision/rebuild.mjs CORPUS [--manifest scripts/precision/corpus.json]
//        [--source https://github.com/{repository}.git] [--only owner+name,...]
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
  },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error(
    'usage: node scripts/precision/rebuild.mjs CORPUS [--manifest FILE] [--source URL-TEMPLATE] [--only FOLDERS]',
  );
  process.exit(2);
}

const corpus = positionals[0];
const only = values.only ? new Set(values.only.split(',')) : undefined;
for (const repo of JSON.parse(readFileSync(values.manifest, 'utf8')).repositories) {
  if (only && !only.has(repo.folder)) continue;
  const url = values.source.replaceAll('{repository}', repo.repository).replaceAll('{folder}', repo.folder);
  const clone = mkdtempSync(join(tmpdir(), 'memhints-corpus-'));
  try {
    git(['clone', '--quiet', '--bare', url, clone]);
    const written = exportSources(clone, repo.commit, join(corpus, repo.folder), new Set(repo.absent));
    const exports = removeNotebookExports(join(corpus, repo.folder), written);
    console.error(
      `${repo.folder}: ${written.length - exports} files at ${repo.commit.slice(0, 10)} (${exports} notebook exports left out)`,
    );
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

/** Writes every .py/.ipynb blob of the commit (not symbolic links, not the absent ones); returns their paths. */
function exportSources(gitDir, commit, target, absent) {
  const entries = git(['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit])
    .split('\0')
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [meta, path] = entry.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, path };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000' && /\.(py|ipynb)$/.test(e.path) && !absent.has(e.path));
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
