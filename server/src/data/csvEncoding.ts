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

// cp1252's characters for bytes 0x80-0x9F (the rest is latin-1); '' where Python's codec has none and fails.
// Written out: Node's TextDecoder('windows-1252') drops these bytes on some builds.
const CP1252_HIGH = [...'€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ'].map((char) => (char === '\0' ? '' : char));

/** cp1252 text, or undefined where a byte has no character (Python raises). */
function decodeCp1252(bytes: Buffer): string | undefined {
  let text = '';
  let from = 0;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte < 0x80 || byte > 0x9f) continue;
    const char = CP1252_HIGH[byte - 0x80]!;
    if (char === '') return undefined;
    text += bytes.toString('latin1', from, at) + char;
    from = at + 1;
  }
  return text + bytes.toString('latin1', from);
}

/**
 * A one-byte-encoded sample as UTF-8 bytes (what the CSV parser reads), and
 * the way back from an offset in them to the file's. latin-1 maps each byte
 * to the code point of its value, as Python does (WHATWG's 'latin1' is cp1252).
 */
export function asUtf8(
  bytes: Buffer,
  encoding: Exclude<CsvEncoding, 'utf-8'>,
): { readonly utf8: Buffer; readonly fileOffset: (utf8Offset: number) => number } | string {
  const text = encoding === 'latin-1' ? bytes.toString('latin1') : decodeCp1252(bytes);
  if (text === undefined) return 'the file is not cp1252 text (a byte cp1252 has no character for)';
  const utf8 = Buffer.from(text, 'utf8');
  // Every character is one file byte and within the BMP: its UTF-16 length is its file length.
  return { utf8, fileOffset: (offset) => utf8.subarray(0, offset).toString('utf8').length };
}
