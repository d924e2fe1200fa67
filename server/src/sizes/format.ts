// Sizes written for people, in one wording for every view: the hover's first
// line, the inlay hint, the CLI's JSON and the measure view all write a total
// as totalText does ("≈ 34.3 MiB", "≥ 7.6 MiB", "56 + 8·n B, n = len(rows)").
import { groupedDigits } from '../text/groupedDigits';
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

/** A measured figure, rounded with the exact one beside: "7.9 KiB (8056 bytes)", or "88 bytes" when small. */
export function bytesWithExact(bytes: number): string {
  const exact = `${Math.round(bytes)} bytes`;
  return Math.abs(bytes) < 1024 ? exact : `${shortBytes(bytes)} (${exact})`;
}

/** 1000000 → "1,000,000", for counts of items. */
export function formatCount(count: number): string {
  return groupedDigits(count);
}

const NAME = /^[A-Za-z_]\w*$/;
const SYMBOLS = ['n', 'm', 'N', 'count'];

/** The name a formula gives its count: the count itself when it is one name (`k`), else n (or m… when the count reads n). */
export function countSymbol(count: string): string {
  if (NAME.test(count)) return count;
  const names = new Set(count.match(/[A-Za-z_]\w*/g) ?? []);
  return SYMBOLS.find((symbol) => !names.has(symbol)) ?? 'n';
}

/** A size in a sentence, its count by its symbol: "7.8 KiB", "≈ 2 KiB", "56 + 8·n B". */
export function sizeText(size: Size): string {
  const about = size.approximate ? '≈ ' : '';
  if (!size.perCount) return `${about}${shortBytes(size.bytes)}`;
  const growth = `${size.perCount.bytes}·${countSymbol(size.perCount.count)}`;
  return `${about}${size.bytes === 0 ? growth : `${size.bytes} + ${growth}`} B`;
}

/** A name the code binds once, and the expression it is bound to. */
export interface NamedCount {
  readonly name: string;
  readonly expression: string;
}

/**
 * What a formula's symbols stand for: "n = len(rows)" when the count is an
 * expression, then what the count's own names are bound to ("k = len(rows)").
 * `code` marks an expression up (backticks in Markdown).
 */
export function countDefinitions(
  size: Size,
  bindings: readonly NamedCount[] = [],
  code: (expression: string) => string = (expression) => expression,
): string[] {
  const count = size.perCount?.count;
  if (count === undefined) return [];
  const symbol = countSymbol(count);
  return [
    ...(symbol === count ? [] : [`${symbol} = ${code(count)}`]),
    ...bindings.map(({ name, expression }) => `${name} = ${code(expression)}`),
  ];
}

/** What a user would measure: a size, or at least a size when the model cannot tell what the object's items hold. */
export interface Total {
  readonly size: Size;
  /** The items are not counted: the figure is the object's own size, a lower bound. */
  readonly atLeast: boolean;
}

/** The total's figure alone: "≈ 34.3 MiB", "≥ 7.6 MiB", "56 + 8·n B". */
export function totalFigure(total: Total): string {
  // A lower bound needs no ≈: what is left out outweighs the rounding.
  return total.atLeast ? `≥ ${sizeText({ ...total.size, approximate: false })}` : sizeText(total.size);
}

/** The total as every view writes it: "≈ 34.3 MiB", "≥ 7.6 MiB", "56 + 8·n B, n = len(rows)". */
export function totalText(
  total: Total,
  bindings: readonly NamedCount[] = [],
  code?: (expression: string) => string,
): string {
  return [totalFigure(total), ...countDefinitions(total.size, bindings, code)].join(', ');
}

/** " (36000056 bytes)" beside a figure the model gives to the byte for an interpreter it was checked against; else nothing. */
export function exactFigure(total: Total, measured: boolean): string {
  const { size } = total;
  const exact = measured && !total.atLeast && !size.approximate && !size.perCount && size.bytes >= 1024;
  return exact ? ` (${size.bytes} bytes)` : '';
}
