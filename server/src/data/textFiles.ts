// The Python objects that reading a whole file builds, from the file's size
// and a sample of its head: open(p).read() (one str), open(p).readlines() and
// list(open(p)) (a list of one str per line), open(p, 'rb').read() (one
// bytes). Sizes come from the CPython model in server/src/sizes; what the
// sample (pieces spread over a larger file) cannot see is extrapolated by the
// file's size over the bytes sampled.
import { CPYTHON, DEFAULT_PYTHON_VERSION, type CPythonLayout } from '../sizes/cpython';
import { bytesSize, capacityAfterIteratorExtend, listSize, strKind, strSizeOfKind } from '../sizes/objects';
import { codePointLength } from '../sizes/values';
import { DEFAULT_SAMPLE_LIMITS, type DataEstimateResult, type SampleLimits } from './dataEstimate';
import { withSampledFile, type SampledFile } from './regularFile';
import { readTextSample, splitLines, translateNewlines, type TextPiece, type TextSample } from './textSample';

const DEFAULT_LAYOUT = CPYTHON[DEFAULT_PYTHON_VERSION];

/** Pieces spread over a file larger than the sample (head, tail and two between). */
const SAMPLE_PIECES = 4;

/** How many times the bytes sampled the whole file is. */
function scale(file: SampledFile, sample: TextSample, sampledBytes: number): number {
  if (sample.whole) return 1;
  return sampledBytes === 0 ? 0 : file.size / sampledBytes;
}

/** The estimate of a read that builds one object (a str or bytes), so no rows. */
function textEstimate(file: SampledFile, bytes: number, bytesExact: boolean): DataEstimateResult {
  return { estimate: { format: 'text', fileBytes: file.size, rows: undefined, rowsExact: false, bytes, bytesExact } };
}

/**
 * open(p).read(): one str of the file's characters, as wide per character as
 * its widest one (a wider character outside the sampled pieces is not seen).
 */
function readAsText(file: SampledFile, layout: CPythonLayout): DataEstimateResult {
  const sample = readTextSample(file, SAMPLE_PIECES);
  const texts = sample.pieces.map((piece) => translateNewlines(piece.text));
  const sampledCharacters = texts.reduce((sum, text) => sum + codePointLength(text), 0);
  const ratio = scale(
    file,
    sample,
    sample.pieces.reduce((sum, piece) => sum + piece.bytes, 0),
  );
  const characters = Math.round(sampledCharacters * ratio);
  return textEstimate(file, strSizeOfKind(layout, strKind(texts.join('')), characters), sample.whole);
}

/** sys.getsizeof of one line as readline() returns it; a 1-character latin-1 line ('\n') is CPython's shared str. */
function lineSize(layout: CPythonLayout, line: string): number {
  const text = translateNewlines(line);
  if (text.length === 1 && text.charCodeAt(0) < 0x100) return 0;
  return strSizeOfKind(layout, strKind(text), codePointLength(text));
}

/** The whole lines of a piece: a line cut by the piece's end is left out. */
function wholeLines(piece: TextPiece): string[] {
  const lines = splitLines(piece.text);
  const last = lines[lines.length - 1];
  if (!piece.reachesEnd && last !== undefined && !/[\r\n]$/.test(last)) lines.pop();
  return lines;
}

/** A file whose sample holds no whole line: one line, as long as the file. */
function oneLongLine(file: SampledFile, sample: TextSample, layout: CPythonLayout): DataEstimateResult {
  const head = translateNewlines(sample.pieces[0]!.text);
  const characters = Math.round(codePointLength(head) * scale(file, sample, sample.pieces[0]!.bytes));
  const bytes =
    listSize(layout, capacityAfterIteratorExtend(layout, 1)) + strSizeOfKind(layout, strKind(head), characters);
  return { estimate: { format: 'text', fileBytes: file.size, rows: 1, rowsExact: false, bytes, bytesExact: false } };
}

/**
 * open(p).readlines() and list(open(p)): a list of one str per line, each as
 * wide as its own widest character. The sampled lines are summed one by one;
 * lines cut by a piece's ends are left out, and lines and bytes are
 * extrapolated by the file's size over the bytes of the whole lines sampled.
 */
function readAsLines(file: SampledFile, layout: CPythonLayout): DataEstimateResult {
  const sample = readTextSample(file, SAMPLE_PIECES);
  const lines = sample.pieces.flatMap(wholeLines);
  if (lines.length === 0 && file.size > 0) return oneLongLine(file, sample, layout);
  const sampledBytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8'), 0);
  const ratio = scale(file, sample, sampledBytes);
  const strBytes = lines.reduce((sum, line) => sum + lineSize(layout, line), 0) * ratio;
  const count = Math.round(lines.length * ratio);
  const listBytes = listSize(layout, capacityAfterIteratorExtend(layout, count));
  return {
    estimate: {
      format: 'text',
      fileBytes: file.size,
      rows: count,
      rowsExact: sample.whole,
      bytes: Math.round(listBytes + strBytes),
      bytesExact: sample.whole,
    },
  };
}

/** open(p, 'rb').read(): one bytes object of the file's size; nothing is read. */
function readAsBytes(file: SampledFile, layout: CPythonLayout): DataEstimateResult {
  return textEstimate(file, bytesSize(layout, file.size), true);
}

/** The estimate of one way of reading a whole file: the file opened for a sample, then `read`. */
function readingEstimate(read: (file: SampledFile, layout: CPythonLayout) => DataEstimateResult) {
  return (
    path: string,
    layout: CPythonLayout = DEFAULT_LAYOUT,
    limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  ): DataEstimateResult => withSampledFile(path, limits, (file) => read(file, layout));
}

/** What open(path).read() holds: one str (UTF-8 decoding, universal newlines). */
export const estimateReadText = readingEstimate(readAsText);

/** What open(path).readlines() or list(open(path)) holds: a list of str, one per line; rows is the line count. */
export const estimateReadLines = readingEstimate(readAsLines);

/** What open(path, 'rb').read() holds: one bytes object, exactly. */
export const estimateReadBytes = readingEstimate(readAsBytes);
