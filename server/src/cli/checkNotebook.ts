// Checking (and fixing) one Jupyter notebook: its code cells analysed as one
// module in cell order, findings reported per cell, fixes written back into
// the cells' sources and nowhere else.
import type { Parser } from 'web-tree-sitter';
import { applyEdits, combinedEdits } from '../rules/fixes';
import { NotebookModule } from '../notebooks/cellModule';
import type { Finding, TextEdit } from '../rules/types';
import type { FileCheck, FileOutcome } from './checkFile';
import { MAX_FIX_PASSES } from './fix';
import { NotebookError, readNotebook, withCellSources, type NotebookCode } from './ipynb';
import { assertParsable, lintText } from './lint';
import { unifiedDiff } from './report/diff';
import { reportedFindings, type ReportedFinding } from './report/findings';
import { readSource, SourceError, writeSourceIfUnchanged, type SourceFile } from './source';

/**
 * The JSON read of a notebook at most: its outputs (images, tables) can be
 * megabytes, so the code's limit (--max-file-size) applies to its code.
 */
const NOTEBOOK_READ_LIMIT = { bytes: 512 * 1024 * 1024, note: 'notebooks are read up to 512 MiB' };

export function checkNotebook(parser: Parser, file: string, shown: string, check: FileCheck): FileOutcome {
  let source: SourceFile;
  let cells: readonly NotebookCode[];
  try {
    source = readSource(file, NOTEBOOK_READ_LIMIT);
    cells = readNotebook(source.text).cells;
  } catch (error) {
    if (!(error instanceof SourceError) && !(error instanceof NotebookError)) throw error;
    return { findings: [], fixed: 0, diff: '', problem: error.message };
  }
  const analyse = (texts: readonly string[]) => {
    const module = new NotebookModule(texts);
    // The limits apply to the code, not to the JSON around it (outputs can be megabytes of images).
    assertParsable(module.source, check.maxFileSize);
    return { module, findings: module.reportable(lintText(parser, module.source, check.lint)) };
  };
  const original = cells.map((cell) => cell.text);
  if (check.mode === 'none') return { findings: report(shown, cells, original, analyse(original)), fixed: 0, diff: '' };

  let texts = original;
  let fixed = 0;
  let analysed = analyse(texts);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = combinedEdits(analysed.findings, check.allowed);
    if (edits.length === 0) break;
    texts = applyInCells(analysed.module, texts, edits);
    const taken = new Set(edits);
    fixed += analysed.findings.filter((finding) => finding.fix?.edits.some((edit) => taken.has(edit))).length;
    analysed = analyse(texts);
  }
  const findings = report(shown, cells, texts, analysed);
  const changed = new Map(
    cells.flatMap((cell, i) => (texts[i] !== cell.text ? [[cell.number, texts[i]!] as const] : [])),
  );
  if (changed.size === 0) return { findings, fixed: 0, diff: '' };
  if (check.mode === 'diff') {
    // A cell's last line has no line break in nbformat; the diff need not say so for every cell.
    const withBreak = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
    const diff = cells
      .map((cell, i) => unifiedDiff(`${shown}:cell ${cell.number}`, withBreak(cell.text), withBreak(texts[i]!)))
      .join('');
    return { findings, fixed, diff };
  }
  try {
    writeSourceIfUnchanged(file, source, withCellSources(source.text, changed));
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { findings: report(shown, cells, original, analyse(original)), fixed: 0, diff: '', problem: error.message };
  }
  return { findings, fixed, diff: '' };
}

/** Module edits (each within one cell: see reportable) applied to the cells' own text. */
function applyInCells(module: NotebookModule, texts: readonly string[], edits: readonly TextEdit[]): string[] {
  const byCell = new Map<number, TextEdit[]>();
  for (const edit of edits) {
    const moved = module.cellEdit(edit)!;
    byCell.set(moved.cell.index, [...(byCell.get(moved.cell.index) ?? []), moved.edit]);
  }
  return texts.map((text, i) => (byCell.has(i) ? applyEdits(text, byCell.get(i)!) : text));
}

function report(
  shown: string,
  cells: readonly NotebookCode[],
  texts: readonly string[],
  analysed: { module: NotebookModule; findings: Finding[] },
): ReportedFinding[] {
  return analysed.module
    .cellFindings(analysed.findings)
    .flatMap(({ cell, finding }) => reportedFindings(shown, texts[cell.index]!, [finding], cells[cell.index]!.number));
}
