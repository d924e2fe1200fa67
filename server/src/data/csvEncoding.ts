// The text encodings a CSV read may name, and the sample decoded with one.
// Only UTF-8 and the one-byte encodings are followed: in those a character is
// one byte of the file, so offsets in the decoded text map back to the file's.

/** How a sample's bytes become text. */
export type CsvEncoding = 'utf-8' | 'latin-1' | 'cp1252';

// Python's spellings (codecs normalise case, '_' and '-').
const ALIASES: Readonly<Record<string, CsvEncoding>> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  latin1: 'latin-1',
  'latin-1': 'latin-1',
  latin: 'latin-1',
  l1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
  'iso-8859-1:1987': 'latin-1',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
};

/** The encoding pandas reads with, or undefined for one not modelled. */
export function csvEncoding(name: string | undefined): CsvEncoding | undefined {
  if (name === undefined) return 'utf-8';
  return ALIASES[name.trim().toLowerCase().replace(/_/g, '-')];
}

const CP1252 = new TextDecoder('windows-1252');

/**
 * A one-byte-encoded sample as UTF-8 bytes (what the CSV parser reads), and
 * the way back from an offset in them to the file's. latin-1 maps each byte
 * to the code point of its value, as Python does (WHATWG's 'latin1' is cp1252).
 */
export function asUtf8(
  bytes: Buffer,
  encoding: Exclude<CsvEncoding, 'utf-8'>,
): {
  readonly utf8: Buffer;
  readonly fileOffset: (utf8Offset: number) => number;
} {
  const text = encoding === 'latin-1' ? bytes.toString('latin1') : CP1252.decode(bytes);
  const utf8 = Buffer.from(text, 'utf8');
  // Every character is one file byte and within the BMP: its UTF-16 length is its file length.
  return { utf8, fileOffset: (offset) => utf8.subarray(0, offset).toString('utf8').length };
}
