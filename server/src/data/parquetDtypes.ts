// The pandas dtype pd.read_parquet gives a Parquet column, as pyarrow's
// Table.to_pandas converts it (pandas 1.5 and 2.x, numpy-backed dtypes):
// fixed-width numbers stay numpy dtypes, integers with nulls become float64
// (NaN marks them), booleans with nulls and every byte-array, date, time and
// decimal column become object columns of Python objects.
import type { SchemaElement } from './hyparquet';
import type { CPythonLayout } from '../sizes/cpython';
import { bytesSize, intSize } from '../sizes/objects';

/** A column whose values sit in a numpy array of `itemSize` bytes per row. */
interface NumpyColumnType {
  readonly kind: 'numpy';
  readonly dtype: string;
  readonly itemSize: number;
}

/**
 * An object column: a pointer per row plus a Python object per non-null
 * value (None, shared, for a null). Text and variable-length bytes vary in
 * size and are sampled; the others have one size per value.
 */
export interface ObjectColumnType {
  readonly kind: 'object';
  readonly values: 'str' | 'bytes' | 'fixed';
  /** For 'fixed': sys.getsizeof of each value. */
  readonly valueBytes?: number;
}

export type PandasColumnType = NumpyColumnType | ObjectColumnType;

/**
 * sys.getsizeof of the objects pyarrow makes for dates, times and decimals
 * (CPython 3.9-3.13, 64-bit): Include/datetime.h PyDateTime_Date (32) and
 * PyDateTime_Time (40, with or without tzinfo), Modules/_decimal PyDecObject
 * with its four inline digit words (104; a Parquet DECIMAL has at most 38
 * digits, which fit in them).
 */
const PY_DATE_BYTES = 32;
const PY_TIME_BYTES = 40;
const PY_DECIMAL_BYTES = 104;

const numpy = (dtype: string, itemSize: number): NumpyColumnType => ({ kind: 'numpy', dtype, itemSize });
const objects = (values: ObjectColumnType['values'], valueBytes?: number): ObjectColumnType =>
  valueBytes === undefined ? { kind: 'object', values } : { kind: 'object', values, valueBytes };

/** pyarrow's integer type from the logical or converted type; INT32 and INT64 alone are int32 and int64. */
function integerDtype(element: SchemaElement): NumpyColumnType {
  const logical = element.logical_type;
  if (logical?.type === 'INTEGER')
    return numpy(`${logical.isSigned ? 'int' : 'uint'}${logical.bitWidth}`, logical.bitWidth / 8);
  const converted = /^(U?)INT_(8|16|32|64)$/.exec(element.converted_type ?? '');
  if (converted) return numpy(`${converted[1] ? 'uint' : 'int'}${converted[2]}`, Number(converted[2]) / 8);
  return element.type === 'INT32' ? numpy('int32', 4) : numpy('int64', 8);
}

/** Date, time, timestamp and decimal columns, from the logical type or its older converted type; undefined for others. */
function temporalOrDecimal(element: SchemaElement): PandasColumnType | undefined {
  const logical = element.logical_type?.type;
  const converted = element.converted_type ?? '';
  if (logical === 'TIMESTAMP' || /^TIMESTAMP_/.test(converted) || element.type === 'INT96')
    return numpy('datetime64[ns]', 8);
  // to_pandas(date_as_object=True), pyarrow's default: datetime.date objects.
  if (logical === 'DATE' || converted === 'DATE') return objects('fixed', PY_DATE_BYTES);
  if (logical === 'TIME' || /^TIME_/.test(converted)) return objects('fixed', PY_TIME_BYTES);
  if (logical === 'DECIMAL' || converted === 'DECIMAL') return objects('fixed', PY_DECIMAL_BYTES);
  return undefined;
}

function isText(element: SchemaElement): boolean {
  const logical = element.logical_type?.type;
  return (
    logical === 'STRING' ||
    logical === 'JSON' ||
    logical === 'ENUM' ||
    element.converted_type === 'UTF8' ||
    element.converted_type === 'JSON' ||
    element.converted_type === 'ENUM'
  );
}

/**
 * The pandas column for a leaf column of the schema, given whether it holds
 * nulls; undefined for a type pyarrow does not load as a flat column.
 */
export function pandasColumnType(
  element: SchemaElement,
  hasNulls: boolean,
  layout: CPythonLayout,
): PandasColumnType | undefined {
  const temporal = temporalOrDecimal(element);
  if (temporal) return temporal;
  switch (element.type) {
    case 'BOOLEAN':
      // True and False are shared, but memory_usage(deep=True) adds sys.getsizeof per row: take their mean.
      return hasNulls ? objects('fixed', (intSize(layout, 0n) + intSize(layout, 1n)) / 2) : numpy('bool', 1);
    case 'INT32':
    case 'INT64':
      return hasNulls ? numpy('float64', 8) : integerDtype(element);
    case 'FLOAT':
      return numpy('float32', 4);
    case 'DOUBLE':
      return numpy('float64', 8);
    case 'BYTE_ARRAY':
      return objects(isText(element) ? 'str' : 'bytes');
    case 'FIXED_LEN_BYTE_ARRAY':
      if (element.logical_type?.type === 'FLOAT16') return numpy('float16', 2);
      // Every value is a bytes object of the fixed length.
      return objects('fixed', bytesSize(layout, element.type_length ?? 0));
    default:
      return undefined;
  }
}
