// What a program will hold after reading a data file, estimated from the file's
// metadata and a bounded sample of it (never the whole file). Each format has its
// own estimator in this folder; they all answer with a DataEstimate or a reason.

/** A column as pandas will load it. */
export interface DataColumn {
  readonly name: string;
  /** The dtype pandas infers or the code asks for: 'int64', 'float64', 'bool', 'object', 'category', 'datetime64[ns]'… */
  readonly dtype: string;
  /** Bytes this column holds as loaded, over all rows (deep: text columns count their str objects). */
  readonly bytes: number;
  /** For a text column: the mean length of the sampled values, in characters. */
  readonly meanTextLength?: number;
  /** For a text column: distinct values in the sample, to tell a category column. */
  readonly distinctInSample?: number;
  /** For a text column: what it would hold read as `category` instead. */
  readonly asCategory?: CategoryEstimate;
}

/** A text column read as `category` (read_csv's `dtype={name: "category"}`). */
export interface CategoryEstimate {
  /** memory_usage(deep=True) of the Categorical, which is what it holds: a code per row, and each category's str once. */
  readonly bytes: number;
  /** Distinct values over all the rows (estimated from the sample's): the categories. */
  readonly categories: number;
  /** The categories' str objects alone: one per distinct value, as pandas' CSV parser shares a str among the rows that spell it. */
  readonly stringBytes: number;
}

/** The formats a read may be of; some are recognised only to say why they are not estimated. */
export type DataFormat =
  | 'csv'
  | 'parquet'
  | 'npy'
  | 'npz'
  | 'text'
  | 'json'
  | 'feather'
  | 'excel'
  /** pd.read_json: a frame, not the Python objects json.load builds. */
  | 'json-frame'
  | 'pickle';

export interface DataEstimate {
  readonly format: DataFormat;
  /** The file's size on disk. */
  readonly fileBytes: number;
  /** Rows as loaded (a table), or the first dimension (an array). */
  readonly rows: number | undefined;
  /** True when rows is read from metadata (Parquet footer, .npy header), not extrapolated from a sample. */
  readonly rowsExact: boolean;
  /** A table's columns as loaded, after the read's usecols/dtype (the index column not among them). */
  readonly columns?: readonly DataColumn[];
  /** A table's index when a column is made it (index_col); absent for the default RangeIndex. */
  readonly index?: DataColumn;
  /** An array's shape and dtype (numpy). */
  readonly shape?: readonly number[];
  readonly dtype?: string;
  /** What the program holds after the read, in bytes: DataFrame.memory_usage(deep=True).sum(), ndarray.nbytes, or the Python objects built. */
  readonly bytes: number;
  /** True when bytes is exact (a .npy array), false when estimated from a sample. */
  readonly bytesExact: boolean;
}

/** Either an estimate or, in words, why there is none ("not estimated: …"). */
export type DataEstimateResult =
  | { readonly estimate: DataEstimate; readonly reason?: undefined }
  | { readonly estimate?: undefined; readonly reason: string };

/** How the code reads a table, as far as literal arguments show it (pandas read_csv/read_table/read_parquet). */
export interface TableReadOptions {
  readonly usecols?: readonly (string | number)[];
  /** One dtype for every column, or per column. */
  readonly dtype?: string | Readonly<Record<string, string>>;
  readonly nrows?: number;
  /** Records dropped before the header (a count), or the line numbers dropped anywhere (a list). */
  readonly skiprows?: number | readonly number[];
  readonly chunksize?: number;
  readonly sep?: string;
  /** Columns named in parse_dates; true (parse_dates=True) parses the index. */
  readonly parseDates?: readonly string[] | true;
  /** index_col: the column (label or position among the kept columns) or columns made the index; false for none. */
  readonly indexCol?: string | number | readonly (string | number)[] | false;
  /** The header's row among the non-blank records; null (header=None) when every record is data. */
  readonly header?: number | null;
  /** Column labels the code gives (names=); without header=, pandas then reads every record as data. */
  readonly names?: readonly string[];
  /** keep_default_na: false drops pandas' default NA strings ("", "NA", "nan"…). */
  readonly keepDefaultNa?: boolean;
  /** na_values: strings read as missing, with the defaults unless keepDefaultNa is false. */
  readonly naValues?: readonly string[];
  /** thousands: the character pandas drops between the digits of a number (`thousands=","` reads "1,234" as 1234). */
  readonly thousands?: string;
  /** The file's text encoding as the code names it (pandas reads UTF-8 unless told). */
  readonly encoding?: string;
  /** low_memory: false makes pandas' C parser tokenize the whole file at once (data/csvTokens.ts). */
  readonly lowMemory?: boolean;
  /** Options the code gives whose value or effect is not modelled: the estimate is then not made. */
  readonly unmodelled?: readonly string[];
}

/** Limits on what reading a data file may cost. */
export interface SampleLimits {
  /** At most this many bytes are read from one file (default 1 MiB). */
  readonly maxSampleBytes: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = { maxSampleBytes: 1024 * 1024 };
