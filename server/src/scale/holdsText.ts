// What a finding holds, in the few words its message leads with and its
// JSON carries: "≈ 7.6 MiB", "≈ 8·n B, n = len(rows)".
import { shortBytes } from '../sizes/format';
import type { Size } from '../sizes/size';

/** The size in a message: rounded bytes, or bytes per item with what the count is. The constant part of a growing size is left out: it is what a single object costs. */
export function holdsText(size: Size): string {
  const about = size.approximate ? '≈ ' : '';
  if (!size.perCount) return `${about}${shortBytes(size.bytes)}`;
  return `${about}${size.perCount.bytes}·n B, n = ${size.perCount.count}`;
}

/**
 * The start of a message: the cost first, then what it is. "≈ 3.8 MiB of
 * ints", "≈ 36·n B of ints (n = len(rows))", or just "Ints" capitalised
 * when the size model cannot tell.
 */
export function costLead(holds: Size | undefined, what: string): string {
  if (!holds) return what.charAt(0).toUpperCase() + what.slice(1);
  const about = holds.approximate ? '≈ ' : '';
  if (!holds.perCount) return `${about}${shortBytes(holds.bytes)} of ${what}`;
  return `${about}${holds.perCount.bytes}·n B of ${what} (n = ${holds.perCount.count})`;
}

/** A size inside a sentence: "≈ 36·n B (n = len(values))", "≈ 3.8 MiB". */
export function amountText(size: Size): string {
  const about = size.approximate ? '≈ ' : '';
  return size.perCount
    ? `${about}${size.perCount.bytes}·n B (n = ${size.perCount.count})`
    : `${about}${shortBytes(size.bytes)}`;
}
