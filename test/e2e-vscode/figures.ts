// Sizes as the editor shows them ("11.4 MiB"), read back into bytes.
import assert from 'node:assert/strict';

const UNITS: Readonly<Record<string, number>> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

function parts(figure: string): { number: number; unit: number } {
  const [, number, unit] = /^([\d.]+) (B|KiB|MiB|GiB)$/.exec(figure) ?? [];
  assert.ok(number && unit, `not a size: ${figure}`);
  return { number: Number(number), unit: UNITS[unit]! };
}

/** "11.4 MiB" → bytes. */
export function bytesOf(figure: string): number {
  const { number, unit } = parts(figure);
  return number * unit;
}

/** "11.4 MiB" → the bytes of one MiB: what the shown figure counts in. */
export function unitOf(figure: string): number {
  return parts(figure).unit;
}
