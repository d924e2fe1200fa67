// Samples of a text file as open(p) decodes it: UTF-8 (the encoding open()
// uses on Linux and macOS, where the locale is UTF-8), a byte-order mark kept
// as the character U+FEFF, and universal newlines: '\r\n' and '\r' read as '\n'.
// A file larger than the sample limit is sampled in pieces spread over it
// (its head, its tail and between), so that a file whose lines grow or shrink
// along it (rising ids, a header) is not judged by its head alone.
import type { SampledFile } from './regularFile';
import { NotEstimated } from './regularFile';

export interface TextPiece {
  /** Decoded text, newlines as in the file; a character cut by the piece's end is left out. */
  readonly text: string;
  /** The file's bytes that `text` was decoded from. */
  readonly bytes: number;
  /** Whether the piece starts at a line's start (the head, or just after a newline). */
  readonly startsLine: boolean;
  /** Whether the piece runs to the end of the file, so its last line is whole. */
  readonly reachesEnd: boolean;
}

export interface TextSample {
  readonly pieces: readonly TextPiece[];
  /** True when the one piece is the whole file, so nothing is extrapolated. */
  readonly whole: boolean;
}

const LINE_FEED = 0x0a;

function decode(raw: Buffer, final: boolean): string {
  // fatal: open() raises UnicodeDecodeError on bytes that are not UTF-8; ignoreBOM keeps U+FEFF as open() does.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let text: string;
  try {
    // stream: a multi-byte character cut by the piece's end waits for bytes that never come, and is left out.
    text = decoder.decode(raw, { stream: !final });
  } catch {
    throw new NotEstimated('not UTF-8 text (open() would raise UnicodeDecodeError)');
  }
  // A '\r' at a piece's end may be the first half of a '\r\n' beyond it: leave it out too.
  return !final && text.endsWith('\r') ? text.slice(0, -1) : text;
}

function piece(raw: Buffer, reachesEnd: boolean, startsLine: boolean): TextPiece {
  const text = decode(raw, reachesEnd);
  return { text, bytes: reachesEnd ? raw.length : Buffer.byteLength(text, 'utf8'), startsLine, reachesEnd };
}

/** A piece read from `offset`, from just after its first newline on (so it starts a line and a character); undefined without one. */
function innerPiece(file: SampledFile, offset: number, length: number): TextPiece | undefined {
  const raw = file.read(offset, length, 'the text sample');
  const lineStart = raw.indexOf(LINE_FEED) + 1;
  if (lineStart === 0) return undefined;
  return piece(raw.subarray(lineStart), offset + raw.length >= file.size, true);
}

/**
 * Reads the file whole when it fits in the sample limit, else `spread`
 * pieces of equal length from its head to its tail (one: the head only).
 */
export function readTextSample(file: SampledFile, spread = 1): TextSample {
  const budget = file.budget.remaining;
  if (file.size <= budget)
    return { pieces: [piece(file.read(0, file.size, 'the text sample'), true, true)], whole: true };
  const length = Math.floor(budget / spread);
  const pieces = [piece(file.read(0, length, 'the text sample'), false, true)];
  for (let k = 1; k < spread; k++) {
    const inner = innerPiece(file, Math.round((k * (file.size - length)) / (spread - 1)), length);
    if (inner) pieces.push(inner);
  }
  return { pieces, whole: false };
}

/** The text as open() reads it in text mode: universal newlines. */
export function translateNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The lines readline() returns, each with its ending as in the file ('\n', '\r\n' or '\r'). */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}
