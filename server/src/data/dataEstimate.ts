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
}

export type DataFormat = 'csv' | 'parquet' | 'npy' | 'npz' | 'text' | 'json';

export interface DataEstimate {
  readonly format: DataFormat;
  /** The file's size on disk. */
  readonly fileBytes: number;
  /** Rows as loaded (a table), or the first dimension (an array). */
  readonly rows: number | undefined;
  /** True when rows is read from metadata (Parquet footer, .npy header), not extrapolated from a sample. */
  readonly rowsExact: boolean;
  /** A table's columns as loaded, after the read's usecols/dtype. */
  readonly columns?: readonly DataColumn[];
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
  readonly skiprows?: number;
  readonly chunksize?: number;
  readonly sep?: string;
  /** Columns named in parse_dates. */
  readonly parseDates?: readonly string[];
}

/** Limits on what reading a data file may cost. */
export interface SampleLimits {
  /** At most this many bytes are read from one file (default 1 MiB). */
  readonly maxSampleBytes: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = { maxSampleBytes: 1024 * 1024 };
