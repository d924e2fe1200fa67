// The head of a text file as open(p) decodes it: UTF-8 (the encoding open()
// uses on Linux and macOS, where the locale is UTF-8), a byte-order mark kept
// as the character U+FEFF, and universal newlines: '\r\n' and '\r' read as '\n'.
import type { SampledFile } from './regularFile';
import { NotEstimated } from './regularFile';

export interface TextSample {
  /** The decoded head, newlines as in the file; a character cut by the sample's end is left out. */
  readonly text: string;
  /** The file's bytes that `text` was decoded from. */
  readonly bytes: number;
  /** True when the sample is the whole file, so nothing is extrapolated. */
  readonly whole: boolean;
}

/** Reads and decodes the head of the file, as much of it as the sample limit allows. */
export function readTextSample(file: SampledFile): TextSample {
  const raw = file.read(0, file.budget.remaining, 'the text sample');
  const whole = raw.length === file.size;
  // fatal: open() raises UnicodeDecodeError on bytes that are not UTF-8; ignoreBOM keeps U+FEFF as open() does.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let decoded: string;
  try {
    // stream: a multi-byte character cut by the sample's end waits for bytes that never come, and is left out.
    decoded = decoder.decode(raw, { stream: !whole });
  } catch {
    throw new NotEstimated('not UTF-8 text (open() would raise UnicodeDecodeError)');
  }
  // A '\r' at the sample's end may be the first half of a '\r\n' beyond it: leave it out too.
  if (!whole && decoded.endsWith('\r')) decoded = decoded.slice(0, -1);
  const bytes = whole ? raw.length : Buffer.byteLength(decoded, 'utf8');
  return { text: decoded, bytes, whole };
}

/** The text as open() reads it in text mode: universal newlines. */
export function translateNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The lines readline() returns, each with its ending as in the file ('\n', '\r\n' or '\r'). */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}
