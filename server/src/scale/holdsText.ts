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
