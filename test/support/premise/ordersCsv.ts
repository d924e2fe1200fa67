// orders.csv, the file MEM406's and MEM407's documented examples read: 10^5
// orders of 10 numeric columns (4 int64, 6 float64) and 2 text columns, half
// of them late (`days_late` from -4 to 5). The examples' read runs in the
// setup, untraced: what is measured is what the code does with the frame.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_SCALE } from './tracedRun';

const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Accra'];
const STATUSES = ['open', 'shipped', 'returned'];
const ORDERS_HEADER = 'order_id,customer_id,days_late,quantity,amount,price,discount,tax,weight,distance,city,status';

/** Writes orders.csv, DATA_SCALE rows (or `count`) from a seeded generator, into `folder`; its path. */
export function writeOrdersCsv(folder: string, count = DATA_SCALE): string {
  let seed = 406;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const float = (scale: number): string => (next() * scale).toFixed(2);
  const rows = Array.from({ length: count }, (_, id) =>
    [
      id,
      Math.floor(next() * 5000),
      Math.floor(next() * 10) - 4,
      1 + Math.floor(next() * 9),
      float(500),
      float(100),
      float(1),
      float(50),
      float(30),
      float(2000),
      pick(CITIES),
      pick(STATUSES),
    ].join(','),
  );
  const path = join(folder, 'orders.csv');
  writeFileSync(path, `${ORDERS_HEADER}\n${rows.join('\n')}\n`);
  return path;
}

/** The example cut where the frame is read: the imports and the read as setup (orders.csv copied in first), the rest as the code measured. */
export function afterTheRead(csv: string, example: string): { readonly setup: string; readonly code: string } {
  const lines = example.split('\n');
  const read = lines.findIndex((line) => /^orders = pd\.read_csv\("orders\.csv".*\)$/.test(line));
  if (read < 0) throw new Error(`the example reads no orders.csv:\n${example}`);
  const copy = `import shutil\nshutil.copy(${JSON.stringify(csv)}, "orders.csv")\n`;
  return { setup: copy + lines.slice(0, read + 1).join('\n'), code: lines.slice(read + 1).join('\n') };
}
