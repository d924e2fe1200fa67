// json.load(open(p)): the Python objects of the document, from a sample of
// the file. A file that fits in the sample is walked whole (jsonSizes.ts). A
// larger one is estimated only when it is a top-level array (of records, as
// most large JSON files are): the elements that fit in the head of the file
// are walked, and their count and bytes extrapolated by the file's size over
// theirs, which assumes the records at the head are like the rest.
// Anything else is not estimated: the sample cannot say what the rest holds.
import { CPYTHON, DEFAULT_PYTHON_VERSION, type CPythonLayout } from '../sizes/cpython';
import { capacityAfterAppends, listSize } from '../sizes/objects';
import { DEFAULT_SAMPLE_LIMITS, type DataEstimate, type DataEstimateResult, type SampleLimits } from './dataEstimate';
import { JsonIncomplete, JsonInvalid, JsonSizer } from './jsonSizes';
import { NotEstimated, withSampledFile, type SampledFile } from './regularFile';
import { readTextSample } from './textSample';

const DEFAULT_LAYOUT = CPYTHON[DEFAULT_PYTHON_VERSION];

function invalid(error: unknown): never {
  if (error instanceof JsonInvalid) throw new NotEstimated(`not valid JSON (json.load would raise: ${error.message})`);
  throw error;
}

/** The top-level array's length when the document is one, for rows. */
function topLevelLength(text: string, layout: CPythonLayout): number | undefined {
  const sizer = new JsonSizer(text, layout, true);
  if (sizer.peek() !== '[') return undefined;
  sizer.expect('[');
  if (sizer.peek() === ']') return 0;
  let items = 0;
  for (;;) {
    sizer.value(1);
    items++;
    if (sizer.peek() === ']') return items;
    sizer.expect(',');
  }
}

function wholeDocument(file: SampledFile, text: string, layout: CPythonLayout): DataEstimate {
  const sizer = new JsonSizer(text, layout, true);
  let bytes: number;
  try {
    bytes = sizer.value();
    if (!sizer.atEnd()) throw new JsonInvalid(`extra data at ${sizer.at}`);
  } catch (error) {
    invalid(error);
  }
  const rows = topLevelLength(text, layout);
  return {
    format: 'json',
    fileBytes: file.size,
    rows,
    rowsExact: rows !== undefined,
    bytes: bytes + sizer.keyBytes,
    bytesExact: false,
  };
}

/** The elements of a top-level array that end inside the sample: how many, their bytes, and where the last ends. */
function sampledElements(sizer: JsonSizer): { count: number; bytes: number; keyBytes: number; end: number } {
  const sampled = { count: 0, bytes: 0, keyBytes: 0, end: sizer.at };
  try {
    if (sizer.peek() === ']') return sampled;
    for (;;) {
      sampled.bytes += sizer.value(1);
      sampled.count++;
      sampled.keyBytes = sizer.keyBytes;
      sampled.end = sizer.at;
      if (sizer.peek() === ']') return sampled;
      sizer.expect(',');
    }
  } catch (error) {
    if (error instanceof JsonIncomplete) return sampled;
    invalid(error);
  }
}

function arrayFromSample(file: SampledFile, text: string, layout: CPythonLayout): DataEstimate {
  const sizer = new JsonSizer(text, layout, false);
  if (sizer.peek() !== '[')
    throw new NotEstimated(
      'the JSON is larger than the sample and not a top-level array, so its objects cannot be extrapolated',
    );
  sizer.expect('[');
  const start = sizer.at;
  const sampled = sampledElements(sizer);
  if (sampled.count === 0) throw new NotEstimated("the sample holds none of the top-level array's elements whole");
  const sampledBytes = Buffer.byteLength(text.slice(start, sampled.end), 'utf8');
  const remainingBytes = file.size - Buffer.byteLength(text.slice(0, start), 'utf8');
  const count = Math.round((sampled.count * remainingBytes) / sampledBytes);
  // Keys are memoized: the sample's distinct keys are all the keys of a file of alike records.
  const bytes =
    sampled.keyBytes + (sampled.bytes * count) / sampled.count + listSize(layout, capacityAfterAppends(layout, count));
  return {
    format: 'json',
    fileBytes: file.size,
    rows: count,
    rowsExact: false,
    bytes: Math.round(bytes),
    bytesExact: false,
  };
}

function estimateOpened(file: SampledFile, layout: CPythonLayout): DataEstimateResult {
  // The head only: a sample of the elements must start at the array's start.
  const sample = readTextSample(file);
  const text = sample.pieces[0]!.text;
  // json.loads refuses a str that starts with a byte-order mark, which open() keeps as U+FEFF.
  if (text.startsWith('\ufeff'))
    throw new NotEstimated('json.load raises for a UTF-8 byte-order mark (open it with encoding="utf-8-sig")');
  return { estimate: sample.whole ? wholeDocument(file, text, layout) : arrayFromSample(file, text, layout) };
}

/** What json.load(open(path)) holds: the document's dicts, lists, str, int and float objects. */
export function estimateJsonLoad(
  path: string,
  layout: CPythonLayout = DEFAULT_LAYOUT,
  limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
): DataEstimateResult {
  return withSampledFile(path, limits, (file) => estimateOpened(file, layout));
}
