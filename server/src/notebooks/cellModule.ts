// A notebook's code cells as one Python module, in cell order, the way the
// kernel sees them: names and imports of earlier cells are known in later
// ones. Positions map both ways between the module and each cell; findings
// and fixes come back in cell terms.
import type { Finding, TextEdit, TextRange } from '../rules/types';
import { lastStartingAtOrBefore } from '../document/sortedSearch';
import { blankIPython, type Span } from './ipython';

/** Between cells, so that each cell starts on a line of its own. */
const SEPARATOR = '\n';

export interface ModuleCell {
  /** Its place among the cells the module was built from. */
  readonly index: number;
  /** Offset in the module of the cell's first character. */
  readonly start: number;
  /** Offset in the module just past the cell's last character. */
  readonly end: number;
  /** IPython syntax blanked in the cell (offsets in the cell). */
  readonly blanked: readonly Span[];
  /** Code timed by a benchmark magic in the cell (offsets in the cell): nothing in it is reported. */
  readonly timed: readonly Span[];
}

/** A finding with its offsets (and its fix's) in its cell's text. */
export interface CellFinding {
  readonly cell: ModuleCell;
  readonly finding: Finding;
}

export class NotebookModule {
  /** The cells joined, IPython syntax blanked: what is parsed and analysed. */
  readonly source: string;
  readonly cells: readonly ModuleCell[];

  constructor(cellTexts: readonly string[]) {
    const cells: ModuleCell[] = [];
    const parts: string[] = [];
    let start = 0;
    for (const [index, text] of cellTexts.entries()) {
      const blanked = blankIPython(text);
      cells.push({ index, start, end: start + text.length, blanked: blanked.blanked, timed: blanked.timed });
      parts.push(blanked.text);
      start += text.length + SEPARATOR.length;
    }
    this.source = parts.join(SEPARATOR);
    this.cells = cells;
  }

  /** The cell holding a module offset; an offset at a cell's end (before the separator) belongs to it. */
  cellAt(offset: number): ModuleCell | undefined {
    const cell = this.cells[lastStartingAtOrBefore(this.cells, offset)];
    return cell && offset >= cell.start && offset <= cell.end ? cell : undefined;
  }

  /** The module offset of an offset in the cell at `index`. */
  moduleOffset(index: number, offsetInCell: number): number {
    const cell = this.cells[index];
    if (!cell) throw new RangeError(`no cell ${index} in a module of ${this.cells.length}`);
    return cell.start + Math.min(offsetInCell, cell.end - cell.start);
  }

  /** Whether a module offset lies in IPython syntax, which is not the user's Python. */
  isBlanked(offset: number): boolean {
    const cell = this.cellAt(offset);
    const local = cell ? offset - cell.start : -1;
    return cell?.blanked.some((span) => span.start <= local && local < span.end) ?? false;
  }

  /** Whether a module range lies within code a benchmark magic times. */
  private isTimed({ start, end }: TextRange): boolean {
    const cell = this.cellAt(start);
    if (!cell) return false;
    return cell.timed.some((span) => span.start <= start - cell.start && end - cell.start <= span.end);
  }

  /** Code timed as written, or a value (`xs = list(range(n))`) read only in such code: what the notebook measures. */
  private isMeasured(finding: Finding): boolean {
    return (
      this.isTimed(finding) ||
      (finding.reads !== undefined && finding.reads.length > 0 && finding.reads.every((read) => this.isTimed(read)))
    );
  }

  /**
   * An edit moved into the cell it falls in, or undefined when it spans cells
   * or touches blanked IPython syntax (applied to the cell's real text, it
   * would change what was never analysed).
   */
  cellEdit(edit: TextEdit): { cell: ModuleCell; edit: TextEdit } | undefined {
    const cell = this.cellAt(edit.start);
    if (!cell || edit.end > cell.end) return undefined;
    const moved = { start: edit.start - cell.start, end: edit.end - cell.start, text: edit.text };
    return cell.blanked.some((span) => touches(moved, span)) ? undefined : { cell, edit: moved };
  }

  /**
   * The findings to report, in module terms: none inside code that `%time`,
   * `%timeit`, `%%time` or `%%timeit` times (it is there to be measured as
   * written), nor about a value only such code reads, and each fix kept only
   * when all its edits can be made in the cell the finding starts in.
   */
  reportable(findings: readonly Finding[]): Finding[] {
    return findings
      .filter((finding) => !this.isMeasured(finding))
      .map((finding) => {
        if (!finding.fix) return finding;
        const cell = this.cellAt(finding.start);
        const fits =
          finding.fix.edits.length > 0 && finding.fix.edits.every((edit) => this.cellEdit(edit)?.cell === cell);
        if (fits) return finding;
        const { fix: _unusable, ...rest } = finding;
        return rest;
      });
  }

  /** The reportable findings in cell terms, fixes included; a fix that cannot be made within the finding's cell is left out. */
  cellFindings(findings: readonly Finding[]): CellFinding[] {
    const result: CellFinding[] = [];
    for (const finding of this.reportable(findings)) {
      const cell = this.cellAt(finding.start);
      if (!cell) continue;
      const { fix: _moved, related: _elsewhere, reads: _read, ...rest } = finding;
      // Related places in another cell are left out: the finding's cell is all its diagnostic can point into.
      const related = finding.related
        ?.filter((place) => place.start >= cell.start && place.end <= cell.end)
        .map((place) => ({ ...place, start: place.start - cell.start, end: place.end - cell.start }));
      const local: Finding = {
        ...rest,
        start: finding.start - cell.start,
        end: Math.min(finding.end, cell.end) - cell.start,
        ...(related?.length ? { related } : {}),
      };
      const edits = finding.fix?.edits.map((edit) => this.cellEdit(edit)!.edit);
      result.push({ cell, finding: finding.fix && edits ? { ...local, fix: { ...finding.fix, edits } } : local });
    }
    return result;
  }
}

/** An edit overlaps a span; an insertion touches it when it lands inside or at its start. */
function touches(edit: TextEdit, span: Span): boolean {
  if (edit.start === edit.end) return span.start <= edit.start && edit.start < span.end;
  return edit.start < span.end && span.start < edit.end;
}
