// Sizes in bytes as people write them in settings: a whole number of bytes,
// or a number and a unit ("16 GiB", "512MB", "1.5 GB"). Binary units (KiB,
// MiB, GiB, TiB) count in 1024s and decimal ones (kB, MB, GB, TB) in 1000s,
// as their names say; case does not matter.
import { shortBytes } from './format';

const BINARY: readonly (readonly [string, number])[] = [
  ['TiB', 2 ** 40],
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
];
const DECIMAL: readonly (readonly [string, number])[] = [
  ['TB', 1e12],
  ['GB', 1e9],
  ['MB', 1e6],
  ['kB', 1e3],
];
const UNITS: ReadonlyMap<string, number> = new Map(
  [['B', 1] as const, ...BINARY, ...DECIMAL].map(([unit, bytes]) => [unit.toLowerCase(), bytes]),
);

/** A size as written: digits, an optional fraction, an optional unit. The settings' JSON schema takes it too. */
export const BYTE_SIZE_PATTERN = String.raw`^\s*([0-9]+(?:\.[0-9]+)?)\s*((?:[KkMmGgTt][Ii]?)?[Bb])?\s*$`;
const SIZE = new RegExp(BYTE_SIZE_PATTERN);

/** The bytes a size string stands for, rounded down to a whole byte; undefined when it is not one. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE.exec(text);
  if (!match) return undefined;
  const multiplier = UNITS.get((match[2] ?? 'B').toLowerCase());
  if (multiplier === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * multiplier);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * A size in the fewest digits that state it exactly ("16 GiB", "512 MB"),
 * so that a budget reads back as it was written; else rounded (shortBytes).
 */
export function byteSizeText(bytes: number): string {
  const exact = [...BINARY, ...DECIMAL]
    .filter(([, unit]) => bytes >= unit && bytes % unit === 0)
    .map(([name, unit]) => ({ name, count: bytes / unit }))
    .sort((a, b) => a.count - b.count)[0];
  return exact ? `${exact.count} ${exact.name}` : shortBytes(bytes);
}
