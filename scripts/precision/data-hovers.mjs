// The data-read hovers of real repositories beside what pandas and numpy report.
//
//   node scripts/precision/data-hovers.mjs <repository folder>... > table.md
//
// Opens every notebook and .py file of each folder in the language server (the
// bundle in dist/, over stdio, as an editor does, with the folder as the
// workspace), hovers every read of a data file, and keeps the hovers that give
// an estimate. Then runs each of those reads in python3 from the file's folder,
// after the constants the code binds before it (scripts/precision/loaded-bytes.py),
// and prints both, side by side, as a Markdown table. Needs pandas in python3 (or
// in $PYTHON); build first: `npx tsc -b && node scripts/build.mjs`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { LspTestClient } = require(join(root, 'out', 'test', 'support', 'lspClient.js'));

/** Calls whose hover may be a data estimate. */
const READ_CALL = /\b(?:pd|pandas|np|numpy|json)\s*\.\s*(read_csv|read_table|read_parquet|load)\s*\(/g;

function* sourceFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(py|ipynb)$/.test(entry.name)) yield path;
  }
}

/** The code cells of a notebook (text), or the file itself as one "cell". */
function cellsOf(path) {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.ipynb')) return [text];
  try {
    const notebook = JSON.parse(text);
    return (notebook.cells ?? [])
      .filter((cell) => cell.cell_type === 'code')
      .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '')));
  } catch {
    return [];
  }
}

/** The call's text from its start to the matching parenthesis. */
function callText(text, start, open) {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '(') depth++;
    else if (text[index] === ')' && --depth === 0) return text.slice(start, index + 1);
  }
  return undefined;
}

function positionAt(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1).length };
}

function hoverText(hover) {
  const contents = hover?.contents;
  if (!contents) return '';
  return typeof contents === 'string' ? contents : (contents.value ?? '');
}

async function hoversOf(folder) {
  const disposers = [];
  const client = LspTestClient.start(
    { after: (dispose) => disposers.push(dispose) },
    {
      workspaceFolders: [pathToFileURL(folder).href],
      settings: { reportSmall: false },
    },
  );
  await client.initialize();
  const rows = [];
  for (const path of sourceFiles(folder)) {
    const cells = cellsOf(path);
    if (!cells.some((cell) => cell.search(READ_CALL) >= 0)) continue;
    const uri = pathToFileURL(path).href;
    const cellUris = cells.map((_, index) =>
      path.endsWith('.ipynb') ? `vscode-notebook-cell:${pathToFileURL(path).pathname}#${index}` : uri,
    );
    if (path.endsWith('.ipynb'))
      await client.didOpenNotebook(
        uri,
        cells.map((text, index) => ({ uri: cellUris[index], text })),
      );
    else await client.didOpen(uri, cells[0]);
    for (const [index, text] of cells.entries()) {
      for (const match of text.matchAll(READ_CALL)) {
        const call = callText(text, match.index, match.index + match[0].length - 1);
        const at = positionAt(text, match.index + match[0].indexOf(match[1]));
        const hover = hoverText(await client.hover(cellUris[index], at));
        if (!call || !/as loaded/.test(hover)) continue;
        const lineStart = text.lastIndexOf('\n', match.index) + 1;
        const before = [...cells.slice(0, index), text.slice(0, lineStart)];
        rows.push({ file: relative(folder, path), cwd: dirname(path), before, call, hover: hover.split('\n')[0] });
      }
    }
  }
  await client.shutdown();
  for (const dispose of disposers) await dispose();
  return rows;
}

/** What the reads hold once run, as pandas and numpy count it: bytes, or why not. */
function measured(rows) {
  const input = JSON.stringify(rows.map(({ cwd, before, call }) => ({ cwd, before, call })));
  const output = execFileSync(
    process.env.PYTHON ?? 'python3',
    [join(root, 'scripts', 'precision', 'loaded-bytes.py')],
    {
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(output);
}

/** The figure in the hover's first line, in bytes. */
function hoverBytes(line) {
  const match = /([\d.,]+)\s*(B|KiB|MiB|GiB|kB|MB|GB)\b/.exec(line);
  if (!match) return undefined;
  const scale = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, kB: 1e3, MB: 1e6, GB: 1e9 }[match[2]];
  return Number(match[1].replace(/,/g, '')) * scale;
}

const folders = process.argv.slice(2).map((folder) => resolve(folder));
if (folders.length === 0 || folders.some((folder) => !statSync(folder, { throwIfNoEntry: false })?.isDirectory())) {
  console.error('usage: node scripts/precision/data-hovers.mjs <repository folder>...');
  process.exit(2);
}
console.log('| file | read | hover, first line | pandas/numpy | hover vs measured |');
console.log('|---|---|---|---:|---:|');
for (const folder of folders) {
  const rows = await hoversOf(folder);
  const results = rows.length > 0 ? measured(rows) : [];
  for (const [index, row] of rows.entries()) {
    const result = results[index];
    const estimate = hoverBytes(row.hover);
    const actual = result.bytes;
    const error =
      actual === undefined || estimate === undefined ? '—' : `${(((estimate - actual) / actual) * 100).toFixed(1)}%`;
    const call = row.call.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
    const hover = row.hover.replace(/\|/g, '\\|');
    const measuredText = actual === undefined ? `not run: ${result.error}` : actual.toLocaleString('en-US');
    console.log(`| ${row.file} | \`${call}\` | ${hover} | ${measuredText} | ${error} |`);
  }
}
