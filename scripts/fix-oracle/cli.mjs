// `memhints check` run as a user runs it, in a copy of the corpus: its JSON
// report lists every fix with its edits; `--fix` applies them all at once.
import { join } from 'node:path';
import { ROOT } from './compiled.mjs';
import { lineStarts, offsetAt } from './positions.mjs';
import { spawned } from './spawned.mjs';

const CLI = join(ROOT, 'bin', 'memhints.js');

/**
 * Runs `memhints check .` in `cwd` with every finding reported and every fix
 * offered; `fix` is 'none' (report only), 'safe' (--fix) or 'all' (--fix
 * --unsafe-fixes). Resolves to the findings of its JSON report.
 */
export async function runCheck(cwd, fix) {
  const args = [CLI, 'check', '.', '--format', 'json', '--report-small', '--exit-zero', '--no-progress'];
  if (fix !== 'safe') args.push('--unsafe-fixes');
  if (fix !== 'none') args.push('--fix');
  const run = await spawned(process.execPath, args, { cwd });
  // 2 also reports files it could not read (legacy encodings in the stdlib); the others are checked.
  if (run.status !== 0 && run.status !== 2)
    throw new Error(`memhints check failed (${run.status}) in ${cwd}:\n${run.stderr}`);
  return JSON.parse(run.stdout || '[]');
}

/**
 * The fixes of a report, by file: `{ code, safety, unit, start, end, edits }`
 * with UTF-16 offsets into the unit's text (the file, or the cell), read from
 * the report's lines and code-point columns; start and end are the finding's. `documents` maps a reported path to
 * its document (see documents.mjs).
 */
export function fixesByFile(findings, documents) {
  const byFile = new Map();
  for (const finding of findings) {
    if (!finding.fix || finding.fix.edits.length === 0) continue;
    const document = documents.get(finding.file);
    if (!document) throw new Error(`the report names ${finding.file}, which the oracle did not copy`);
    const unit = unitIndex(document, finding.cell);
    const text = document.units[unit].text;
    const starts = lineStarts(text);
    const edits = finding.fix.edits.map((edit) => {
      if (unitIndex(document, edit.cell) !== unit) throw new Error(`${finding.file}: a fix spans cells`);
      return {
        start: offsetAt(text, starts, edit.line, edit.column),
        end: offsetAt(text, starts, edit.endLine, edit.endColumn),
        text: edit.text,
      };
    });
    const fix = {
      code: finding.code,
      safety: finding.fix.safety,
      unit,
      start: offsetAt(text, starts, finding.line, finding.column),
      end: offsetAt(text, starts, finding.endLine, finding.endColumn),
      edits,
    };
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), fix]);
  }
  return byFile;
}

function unitIndex(document, cell) {
  if (document.kind === 'python') return 0;
  const index = document.units.findIndex((unit) => unit.number === cell);
  if (index < 0) throw new Error(`no code cell ${cell}`);
  return index;
}
