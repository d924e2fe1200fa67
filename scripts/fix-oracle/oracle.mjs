// The fix oracle's run: copy the corpora, list every fix with `memhints check`,
// apply them (each alone, all at once, one by one in several orders), and have
// every interpreter judge the fixed texts. Returns the figures (see tally.mjs).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mulberry32 } from '../seededRandom.mjs';
import { fixesByFile, runCheck } from './cli.mjs';
import { copyCorpus, folderOf, sampledFiles } from './corpora.mjs';
import { pythonTextOf, readDocument } from './documents.mjs';
import { engineFor } from './engine.mjs';
import { fixOneByOne, ordersOf } from './orders.mjs';
import { applyEdits, lineStarts } from './positions.mjs';
import { CheckRequest, runChecks } from './pythonChecks.mjs';
import { Tally } from './tally.mjs';

/**
 * `corpora`: `[{ label, dir, pythonVersion }]`; `sample`: files per corpus
 * (undefined: all); `orders`: one-by-one orders per document; `keep`: leave
 * the workspace in place (its path is in the figures).
 */
export async function runOracle({ corpora, interpreters, sample, seed, orders, keep, log = () => {} }) {
  const work = mkdtempSync(join(tmpdir(), 'memhints-fix-oracle-'));
  const tally = new Tally({ corpora, sample, seed, orders });
  try {
    const listed = join(work, 'listed');
    for (const corpus of corpora) {
      const { total, files } = sampledFiles(corpus, sample, seed);
      copyCorpus(corpus, files, listed);
      tally.corpusFiles(corpus.label, total, files.length);
      log(`${corpus.label}: ${files.length} of ${total} files`);
    }
    log('listing the fixes');
    const report = await runCheck(listed, 'none');
    const documents = new Map();
    for (const finding of report) {
      if (finding.fix && !documents.has(finding.file))
        documents.set(finding.file, readDocument(join(listed, finding.file)));
    }
    const fixes = fixesByFile(report, documents);
    const corpusOf = new Map(corpora.map((corpus) => [folderOf(corpus), corpus]));

    log(`applying the fixes of ${fixes.size} files all at once`);
    const allFixed = await fixedCopy(listed, join(work, 'all'), [...fixes.keys()], 'all');
    const safeFiles = [...fixes].filter(([, list]) => list.some((fix) => fix.safety === 'safe')).map(([file]) => file);
    const safeFixed = await fixedCopy(listed, join(work, 'safe'), safeFiles, 'safe');
    const leftovers = fixesByFile(await runCheck(join(work, 'all'), 'none'), allFixed);

    const request = new CheckRequest();
    const engines = new Map();
    const random = mulberry32(seed);
    for (const [file, fileFixes] of fixes) {
      const corpus = corpusOf.get(file.split('/')[0]);
      const document = documents.get(file);
      if (!engines.has(corpus.pythonVersion)) engines.set(corpus.pythonVersion, await engineFor(corpus.pythonVersion));
      const where = { corpus: corpus.label, file, document };
      log(`${file}: ${fileFixes.length} fixes`);
      checkDocument(where, fileFixes, {
        engine: engines.get(corpus.pythonVersion),
        allFixed: allFixed.get(file),
        safeFixed: safeFixed.get(file),
        leftovers: leftovers.get(file) ?? [],
        orders: ordersOf(fileFixes.length, orders, random),
        request,
        tally,
      });
    }
    log(`checking ${request.cases.length} fixed texts under ${interpreters.length} interpreters`);
    tally.verdicts(await runChecks(request, interpreters));
    return tally.figures(keep ? work : undefined);
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

/** Copies `files` from `from` into `to` with their corpora's pyproject.toml, runs `--fix` there, and reads them back. */
async function fixedCopy(from, to, files, mode) {
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
    const settings = join(file.split('/')[0], 'pyproject.toml');
    if (!existsSync(join(to, settings))) cpSync(join(from, settings), join(to, settings));
  }
  if (files.length > 0) await runCheck(to, mode);
  return new Map(files.map((file) => [file, readDocument(join(to, file))]));
}

/** Every check of one document's fixes; each case and failure goes to the tally. */
function checkDocument(where, fixes, context) {
  const { document } = where;
  const { engine, request, tally } = context;
  const originals = document.units.map((unit) => unit.text);
  const isCell = document.kind === 'notebook';
  const unitId = (unit) =>
    request.addUnit(`${where.file}#${unit}`, pythonTextOf(document.kind, originals[unit]), isCell);
  tally.documentFixes(where, fixes);

  // Each fix alone, on the text the CLI listed it for.
  for (const fix of fixes) {
    const fixed = pythonTextOf(document.kind, applyEdits(originals[fix.unit], fix.edits));
    const lines = findingLines(originals[fix.unit], fix);
    const id = request.addCase(unitId(fix.unit), fixed, [fix.code], 'one', fix.safety === 'safe', lines);
    tally.fixCase(id, where, fix, 'fix');
  }

  // The rules run in this process find the fixes the CLI reported.
  const inProcess = engine.fixesIn(document.kind, originals);
  if (!inProcess || !sameFixes(inProcess, fixes))
    tally.documentFailure(where, fixes, 'engine', 'the rules run in process give other fixes than the CLI reported');

  // One by one, in several orders: each ends where --fix --unsafe-fixes ends.
  const allTexts = context.allFixed?.units.map((unit) => unit.text);
  /** Fixes found only once another was applied (`list(sorted(x))[0]`, then `sorted(x)[0]`): --fix applies them too. */
  const revealed = [];
  for (const [index, order] of context.orders.entries()) {
    const result = fixOneByOne(engine, document.kind, originals, inProcess ?? fixes, order);
    if (!result.settled) tally.documentFailure(where, fixes, 'order', `order ${index + 1}: the fixes did not settle`);
    const differs = allTexts && result.texts.findIndex((text, unit) => text !== allTexts[unit]);
    if (allTexts === undefined || differs >= 0)
      tally.documentFailure(where, fixes, 'order', orderDifference(index, document, result.texts, allTexts, differs));
    if (index > 0) continue;
    for (const [n, step] of result.steps.entries()) {
      if (step.before === originals[step.fix.unit] && !step.revealed) continue;
      const unit = request.addUnit(
        `${where.file}#${step.fix.unit}@${n}`,
        pythonTextOf(document.kind, step.before),
        isCell,
      );
      const fixed = pythonTextOf(document.kind, step.after);
      const lines = findingLines(step.before, step.fix);
      const id = request.addCase(unit, fixed, [step.fix.code], 'one', step.fix.safety === 'safe', lines);
      tally.fixCase(id, where, step.fix, step.revealed ? 'revealed' : 'step');
      if (step.revealed) revealed.push(step.fix);
    }
  }

  // All at once, as --fix writes them: the safe ones alone, then every one.
  for (const [mode, copy] of [
    ['safe', context.safeFixed],
    ['all', context.allFixed],
  ]) {
    const applied = [...fixes, ...revealed].filter((fix) => mode === 'all' || fix.safety === 'safe');
    for (const [unit, { text }] of (copy?.units ?? []).entries()) {
      if (text === originals[unit]) continue;
      const codes = applied.map((fix) => fix.code);
      const id = request.addCase(unitId(unit), pythonTextOf(document.kind, text), codes, 'some', mode === 'safe');
      tally.wholeCase(id, where, codes, mode, unit);
    }
  }

  // A second run finds nothing left to fix.
  for (const fix of context.leftovers)
    tally.documentFailure(
      where,
      [fix],
      'second run',
      `${fix.code} ${fix.safety} fix left at offset ${fix.start} of unit ${fix.unit}`,
    );
}

/** The 1-based first and last lines of a fix's finding in the text it was found in. */
function findingLines(text, fix) {
  const starts = lineStarts(text);
  const lineOf = (offset) => starts.findLastIndex((start) => start <= offset) + 1;
  return [lineOf(fix.start), lineOf(fix.end)];
}

function fixKey(fix) {
  return JSON.stringify([fix.code, fix.safety, fix.unit, fix.start, fix.edits]);
}

function sameFixes(a, b) {
  const keys = (list) => list.map(fixKey).sort().join('\n');
  return keys(a) === keys(b);
}

function orderDifference(index, document, texts, allTexts, unit) {
  if (allTexts === undefined) return `order ${index + 1}: --fix wrote no readable file`;
  const before = allTexts[unit].split('\n');
  const after = texts[unit].split('\n');
  const line = before.findIndex((text, i) => text !== after[i]);
  const cell = document.units[unit].number === undefined ? '' : `cell ${document.units[unit].number}, `;
  return `order ${index + 1} ends elsewhere than --fix: ${cell}line ${line + 1}: \`${(after[line] ?? '').trim()}\` where --fix has \`${(before[line] ?? '').trim()}\``;
}
