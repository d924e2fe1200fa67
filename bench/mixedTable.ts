// A table of mixed columns as data scripts read them (the kinds of
// test/data/csv_accuracy.py): ints, floats and ints with gaps, bools, short
// codes, low-cardinality text and dates. Seeded by the row count, so a size
// always gives the same table.
import { seeded } from './seeded';

const CITIES = ['Lyon', 'Oslo', 'Lima', 'Pune', 'Kyiv', 'Cork', 'Bern', 'Nice', 'Gent', 'Faro', 'Graz', 'Riga'];
const DAY_MS = 86_400_000;
const FIRST_DAY_MS = Date.UTC(2020, 0, 1);

export interface MixedTable {
  readonly rows: number;
  readonly id: Float64Array;
  /** Signed ints. */
  readonly count: Float64Array;
  /** Prices with two decimals; NaN is a gap (10%). */
  readonly price: Float64Array;
  /** Ints with gaps (5%, NaN): pandas reads the column as float64. */
  readonly stock: Float64Array;
  readonly flag: Uint8Array;
  /** Short codes, K0000 to K4999. */
  readonly code: string[];
  /** 12 cities. */
  readonly city: string[];
  /** Days since 2020-01-01, within four years. */
  readonly day: Uint16Array;
}

export const MIXED_COLUMNS = ['id', 'count', 'price', 'stock', 'flag', 'code', 'city', 'day'] as const;

export function mixedTable(rows: number): MixedTable {
  const next = seeded(rows);
  const table: MixedTable = {
    rows,
    id: new Float64Array(rows),
    count: new Float64Array(rows),
    price: new Float64Array(rows),
    stock: new Float64Array(rows),
    flag: new Uint8Array(rows),
    code: new Array<string>(rows),
    city: new Array<string>(rows),
    day: new Uint16Array(rows),
  };
  for (let row = 0; row < rows; row++) {
    table.id[row] = row;
    table.count[row] = Math.floor(next() * 100_000) - 50_000;
    table.price[row] = next() < 0.1 ? Number.NaN : Math.round((70 + 60 * next()) * 100) / 100;
    table.stock[row] = next() < 0.05 ? Number.NaN : Math.floor(next() * 1000);
    table.flag[row] = next() < 0.3 ? 1 : 0;
    table.code[row] = `K${String(Math.floor(next() * 5000)).padStart(4, '0')}`;
    table.city[row] = CITIES[Math.floor(next() * CITIES.length)]!;
    table.day[row] = Math.floor(next() * 1500);
  }
  return table;
}

/** Day `day` of the table as a Date (midnight UTC). */
export function dayDate(day: number): Date {
  return new Date(FIRST_DAY_MS + day * DAY_MS);
}
