// Sizes written for people: "7.9 KiB (8056 bytes)", "≈ 56 + 8·n B".
import type { Size } from './size';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** A rounded size: "88 B", "7.9 KiB", "36 MiB". */
export function shortBytes(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/** The rounded size with the exact figure: "7.9 KiB (8056 bytes)", or "88 bytes" when small. */
export function bytesWithExact(bytes: number): string {
  const exact = `${Math.round(bytes)} bytes`;
  return Math.abs(bytes) < 1024 ? exact : `${shortBytes(bytes)} (${exact})`;
}

/** `8·n`, with the count in parentheses unless it reads as one term. */
function timesCount(perItem: number, count: string): string {
  const term = /^[\w.]+(\(.*\))?$/.test(count) ? count : `(${count})`;
  return `${perItem}·${term}`;
}

/** "56 + 8·n B" for a size that grows with a count. */
function formula(size: Size & { perCount: NonNullable<Size['perCount']> }): string {
  const perCount = timesCount(size.perCount.bytes, size.perCount.count);
  return `${size.bytes === 0 ? perCount : `${size.bytes} + ${perCount}`} B`;
}

/** A size on its own: "7.9 KiB (8056 bytes)", "≈ 56 + 8·n B". */
export function formatSize(size: Size): string {
  const about = size.approximate ? '≈ ' : '';
  return `${about}${size.perCount ? formula({ ...size, perCount: size.perCount }) : bytesWithExact(size.bytes)}`;
}

/** A size inside a sentence, without the exact figure: "7.8 KiB", "8·n B". */
export function formatPart(size: Size): string {
  const about = size.approximate ? '≈ ' : '';
  return `${about}${size.perCount ? formula({ ...size, perCount: size.perCount }) : shortBytes(size.bytes)}`;
}

/** 1000000 → "1,000,000", for counts of items. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
