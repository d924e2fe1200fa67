// One fixture's texts for every variant: the file, and the file cut into
// notebook cells, each with the plain text's findings to expect.
import { lineStartsOf } from '../lineStarts';
import { type PlainCell, cutIntoCells } from './cells';
import type { FoundFinding } from './found';
import type { PythonView } from './pythonPlaces';
import { type Variant, VariantText } from './variants';

export interface FixtureCase {
  readonly name: string;
  readonly plain: string;
  /** The plain text's findings (the CLI's), in its offsets. */
  readonly reference: readonly FoundFinding[];
  /** Offsets of the plain text where ASTRAL_PREFIX goes in the variants that put it there. */
  readonly prefixAt: readonly number[];
  readonly cells: readonly PlainCell[];
  /** The reference findings of each cell, in the cell's offsets. */
  readonly cellReference: readonly (readonly FoundFinding[])[];
  /** Why the plain findings cannot be cut into cells (a fix across cells), if they cannot. */
  readonly uncut?: string;
}

/**
 * Where ASTRAL_PREFIX goes: before each simple statement (that Python says can
 * take it) that starts the line on which a fix's edit starts, unless an edit
 * touches that place (an edit there could as well go before the prefix).
 */
function prefixPlaces(plain: string, reference: readonly FoundFinding[], prefixable: readonly number[]): number[] {
  const starts = lineStartsOf(plain);
  const edits = reference.flatMap((finding) => finding.fix?.edits ?? []);
  return prefixable.flatMap((line) => {
    const lineStart = starts[line]!;
    const at = lineStart + (/^[ \t\f]*/.exec(plain.slice(lineStart))?.[0].length ?? 0);
    const lineEnd = starts[line + 1] ?? plain.length;
    const onLine = edits.some((edit) => edit.start > at && edit.start < lineEnd);
    const touched = edits.some((edit) => edit.start <= at && at <= edit.end);
    return onLine && !touched ? [at] : [];
  });
}

/** A finding moved into the cell that holds it, or undefined when it or its fix reaches out of the cell. */
function inCell(finding: FoundFinding, cell: PlainCell): FoundFinding | undefined {
  const end = cell.start + cell.text.length;
  const inside = (from: number, to: number) => from >= cell.start && to <= end;
  if (!inside(finding.start, finding.end) || !(finding.fix?.edits ?? []).every((edit) => inside(edit.start, edit.end)))
    return undefined;
  const move = <T extends { start: number; end: number }>(span: T): T => ({
    ...span,
    start: span.start - cell.start,
    end: span.end - cell.start,
  });
  return { ...move(finding), ...(finding.fix ? { fix: { ...finding.fix, edits: finding.fix.edits.map(move) } } : {}) };
}

export function fixtureCase(
  name: string,
  plain: string,
  reference: readonly FoundFinding[],
  view: PythonView,
): FixtureCase {
  const cells = cutIntoCells(plain, view.statements);
  const cellReference: FoundFinding[][] = cells.map(() => []);
  let uncut: string | undefined;
  for (const finding of reference) {
    const index = cells.reduce((last, cell, at) => (cell.start <= finding.start ? at : last), -1);
    const moved = index < 0 ? undefined : inCell(finding, cells[index]!);
    if (moved) cellReference[index]!.push(moved);
    else uncut ??= `${finding.code} at offset ${finding.start} reaches out of its cell`;
  }
  return {
    name,
    plain,
    reference,
    prefixAt: prefixPlaces(plain, reference, view.prefixable),
    cells,
    cellReference,
    ...(uncut ? { uncut } : {}),
  };
}

/** The variant of the file. */
export function fileVariant(fixture: FixtureCase, variant: Variant): VariantText {
  return new VariantText(variant, fixture.plain, variant.astralBeforeFixes ? fixture.prefixAt : []);
}

/** The variant of each cell. */
export function cellVariants(fixture: FixtureCase, variant: Variant): VariantText[] {
  return fixture.cells.map((cell) => {
    const end = cell.start + cell.text.length;
    const prefixAt = variant.astralBeforeFixes
      ? fixture.prefixAt.filter((at) => at >= cell.start && at < end).map((at) => at - cell.start)
      : [];
    return new VariantText(variant, cell.text, prefixAt);
  });
}
