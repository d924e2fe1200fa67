// (f) a workspace folder as a data script's: data/big.csv and
// data/big.parquet holding the same mixed table, and a script reading each.
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { dayDate, MIXED_COLUMNS, mixedTable, type MixedTable } from './mixedTable';

type HyparquetWriter = typeof import('hyparquet-writer', { with: { 'resolution-mode': 'import' }});

export interface DataDocument {
  /** The data file, relative to the folder, as the script names it. */
  readonly dataPath: string;
  readonly fileBytes: number;
  /** The script, in the folder. */
  readonly scriptPath: string;
  readonly text: string;
  /** Where the cursor rests for the hover: on the reader's name. */
  readonly hoverAt: { readonly line: number; readonly character: number };
}

export interface DataWorkspace {
  readonly folder: string;
  readonly rows: number;
  readonly columns: number;
  readonly csv: DataDocument;
  readonly parquet: DataDocument;
}

/** Rows written to the CSV at a time: a whole file of 10^6 rows as one string would be 60 MB of it. */
const CSV_CHUNK_ROWS = 50_000;

export async function dataWorkspace(folder: string, rows: number): Promise<DataWorkspace> {
  mkdirSync(join(folder, 'data'), { recursive: true });
  const table = mixedTable(rows);
  const csvPath = join(folder, 'data', 'big.csv');
  writeCsv(csvPath, table);
  const parquetPath = join(folder, 'data', 'big.parquet');
  await writeParquet(parquetPath, table);
  return {
    folder,
    rows,
    columns: MIXED_COLUMNS.length,
    csv: script(folder, 'read_csv.py', 'read_csv', 'data/big.csv', statSync(csvPath).size),
    parquet: script(folder, 'read_parquet.py', 'read_parquet', 'data/big.parquet', statSync(parquetPath).size),
  };
}

/**
 * A script that reads the file and uses the frame whole. No rule asks about
 * the read (MEM401 would, for a frame used only by column), so opening the
 * script does not estimate the file: the first hover does.
 */
function script(folder: string, name: string, reader: string, dataPath: string, fileBytes: number): DataDocument {
  const read = `frame = pd.${reader}("${dataPath}")`;
  const text = `import pandas as pd\n\n${read}\nprint(frame.describe())\n`;
  return {
    dataPath,
    fileBytes,
    scriptPath: join(folder, name),
    text,
    hoverAt: { line: 2, character: read.indexOf(reader) + 1 },
  };
}

function writeCsv(path: string, table: MixedTable): void {
  const days = Array.from({ length: 1500 }, (_, day) => dayDate(day).toISOString().slice(0, 10));
  const file = openSync(path, 'w');
  try {
    writeSync(file, `${MIXED_COLUMNS.join(',')}\n`);
    for (let start = 0; start < table.rows; start += CSV_CHUNK_ROWS) {
      const lines: string[] = [];
      for (let row = start; row < Math.min(table.rows, start + CSV_CHUNK_ROWS); row++) {
        const price = table.price[row]!;
        const stock = table.stock[row]!;
        lines.push(
          [
            table.id[row],
            table.count[row],
            Number.isNaN(price) ? '' : price.toFixed(2),
            Number.isNaN(stock) ? '' : stock,
            table.flag[row] ? 'True' : 'False',
            table.code[row],
            table.city[row],
            days[table.day[row]!],
          ].join(','),
        );
      }
      writeSync(file, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(file);
  }
}

/** The table as hyparquet-writer writes it by default (snappy): ints as INT64, gaps as nulls, days as timestamps. */
async function writeParquet(path: string, table: MixedTable): Promise<void> {
  const { parquetWriteFile }: HyparquetWriter = await import('hyparquet-writer');
  const orNull = (values: Float64Array, value: (x: number) => unknown) =>
    Array.from(values, (x) => (Number.isNaN(x) ? null : value(x)));
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'id', data: BigInt64Array.from(table.id, BigInt), type: 'INT64' },
      { name: 'count', data: BigInt64Array.from(table.count, BigInt), type: 'INT64' },
      { name: 'price', data: orNull(table.price, (x) => x), type: 'DOUBLE', nullable: true },
      { name: 'stock', data: orNull(table.stock, BigInt), type: 'INT64', nullable: true },
      { name: 'flag', data: Array.from(table.flag, (flag) => flag === 1), type: 'BOOLEAN' },
      { name: 'code', data: table.code, type: 'STRING' },
      { name: 'city', data: table.city, type: 'STRING' },
      { name: 'day', data: Array.from(table.day, dayDate), type: 'TIMESTAMP' },
    ],
  });
}
