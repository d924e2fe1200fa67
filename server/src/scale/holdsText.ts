// What a finding holds, in the few words its message leads with and its
// JSON carries, written as every view writes a size (sizes/format.ts):
// "≈ 7.6 MiB", "≈ 8·n B, n = len(rows)".
import { countDefinitions, sizeText, totalFigure, totalText } from '../sizes/format';
import type { Size } from '../sizes/size';

/** The constant part of a growing size is left out: it is what a single object costs. */
function growth(size: Size): Size {
  return size.perCount ? { ...size, bytes: 0 } : size;
}

/** "(n = len(rows))" after a formula whose count is an expression; nothing otherwise. */
function definitionsAfter(size: Size): string {
  const definitions = countDefinitions(size);
  return definitions.length > 0 ? ` (${definitions.join(', ')})` : '';
}

/** The size in a message: rounded bytes, or bytes per item with what the count is. */
export function holdsText(size: Size): string {
  return totalText({ size: growth(size), atLeast: false });
}

/**
 * The start of a message: the cost first, then what it is. "≈ 3.8 MiB of
 * ints", "≈ 36·n B of ints (n = len(rows))", "≥ 16·n B of hash table" for
 * a lower bound, or just "Ints" capitalised when the size model cannot tell.
 */
export function costLead(holds: Size | undefined, what: string, atLeast = false): string {
  if (!holds) return what.charAt(0).toUpperCase() + what.slice(1);
  return `${totalFigure({ size: growth(holds), atLeast })} of ${what}${definitionsAfter(holds)}`;
}

/** A size inside a sentence: "≈ 36·n B (n = len(values))", "≈ 3.8 MiB". */
export function amountText(size: Size): string {
  return `${sizeText(growth(size))}${definitionsAfter(size)}`;
}
