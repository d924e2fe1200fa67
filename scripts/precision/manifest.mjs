#!/usr/bin/env node
// Counts the corpus' files and lines per repository and writes them into the manifest
// (scripts/precision/corpus.json), or with --check says whether a rebuilt corpus matches it.
//
//   node scripts/precision/manifest.mjs CORPUS [--manifest scripts/precision/corpus.json] [--check]
//
// Each repository is the folder CORPUS/<owner>+<name>. Lines are newline characters of a .py
// file, and lines of code cells of a notebook (nbformat 4 `cells`, or nbformat 3
// `worksheets[].cells[]`): the JSON around them and the cells' outputs are not code.
// A manifest with a `dataSelection` (a corpus rebuilt --with-data) also counts each
// repository's data files: files whose extension the selection lists, and their bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    manifest: { type: 'string', default: 'scripts/precision/corpus.json' },
    check: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error('usage: node scripts/precision/manifest.mjs CORPUS [--manifest FILE] [--check]');
  process.exit(2);
}

const manifest = JSON.parse(readFileSync(values.manifest, 'utf8'));
const dataExtensions = manifest.dataSelection ? new Set(manifest.dataSelection.extensions) : undefined;
const counted = manifest.repositories.map((repo) => {
  const { data, ...code } = count(join(positionals[0], repo.folder));
  return { ...repo, ...code, ...(data ? { data: { ...repo.data, ...data } } : {}) };
});
const totals = { repositories: counted.length };
for (const key of ['pyFiles', 'pyLines', 'notebooks', 'notebookCodeLines', 'lines'])
  totals[key] = counted.reduce((sum, repo) => sum + repo[key], 0);
if (dataExtensions)
  for (const key of ['files', 'bytes', 'filesOf1MiBOrMore'])
    totals[`data${key[0].toUpperCase()}${key.slice(1)}`] = counted.reduce((sum, repo) => sum + repo.data[key], 0);

if (values.check) {
  const differing = counted.filter(
    (repo, i) =>
      ['pyFiles', 'pyLines', 'notebooks', 'notebookCodeLines'].some(
        (key) => repo[key] !== manifest.repositories[i][key],
      ) ||
      (dataExtensions !== undefined &&
        ['files', 'bytes'].some((key) => repo.data[key] !== manifest.repositories[i].data?.[key])),
  );
  for (const repo of differing)
    console.error(
      `${repo.folder}: ${repo.pyFiles} .py (${repo.pyLines} lines), ${repo.notebooks} .ipynb (${repo.notebookCodeLines} code lines)${dataExtensions ? `, ${repo.data.files} data files (${repo.data.bytes} B)` : ''}; the manifest differs`,
    );
  console.error(
    differing.length === 0
      ? `the corpus matches the manifest: ${totals.lines} lines`
      : `${differing.length} repositories differ`,
  );
  process.exit(differing.length === 0 ? 0 : 1);
}
writeFileSync(values.manifest, `${JSON.stringify({ ...manifest, repositories: counted, totals }, null, 2)}\n`);
console.error(
  `${totals.repositories} repositories, ${totals.pyFiles} .py files (${totals.pyLines} lines), ${totals.notebooks} notebooks (${totals.notebookCodeLines} lines of code), ${totals.lines} lines`,
);

function count(folder) {
  const tally = { pyFiles: 0, pyLines: 0, notebooks: 0, notebookCodeLines: 0 };
  const data = { files: 0, bytes: 0, filesOf1MiBOrMore: 0 };
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const dot = entry.name.lastIndexOf('.');
    if (dot >= 0 && dataExtensions?.has(entry.name.slice(dot + 1).toLowerCase())) {
      const bytes = statSync(join(entry.parentPath, entry.name)).size;
      data.files += 1;
      data.bytes += bytes;
      if (bytes >= 1 << 20) data.filesOf1MiBOrMore += 1;
    }
    const text = () => readFileSync(join(entry.parentPath, entry.name), 'utf8');
    if (entry.name.endsWith('.py')) {
      tally.pyFiles += 1;
      tally.pyLines += (text().match(/\n/g) ?? []).length;
    } else if (entry.name.endsWith('.ipynb')) {
      tally.notebooks += 1;
      tally.notebookCodeLines += notebookCodeLines(text());
    }
  }
  return { ...tally, lines: tally.pyLines + tally.notebookCodeLines, ...(dataExtensions ? { data } : {}) };
}

function notebookCodeLines(json) {
  let notebook;
  try {
    notebook = JSON.parse(json);
  } catch {
    return 0;
  }
  const cells = notebook.cells ?? (notebook.worksheets ?? []).flatMap((sheet) => sheet.cells ?? []);
  let lines = 0;
  for (const cell of cells) {
    if (cell.cell_type !== 'code') continue;
    const source = cell.source ?? cell.input ?? '';
    const text = Array.isArray(source) ? source.join('') : String(source ?? '');
    if (text.length > 0) lines += text.split('\n').length;
  }
  return lines;
}
