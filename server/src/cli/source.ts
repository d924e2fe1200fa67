// Reading Python files as UTF-8 text and writing fixed text back safely.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFileError } from './errors';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface SourceFile {
  /** The bytes as read, to tell later whether the file changed on disk. */
  readonly bytes: Buffer;
  /** The text after any byte order mark; positions count from here. */
  readonly text: string;
  readonly hasBom: boolean;
}

/** A file that cannot be read or written; the message is one line. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export function readSource(path: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new SourceError(`cannot read: ${describeFileError(error)}`);
  }
  const hasBom = bytes.subarray(0, 3).equals(BOM);
  try {
    return { bytes, text: strictUtf8.decode(hasBom ? bytes.subarray(3) : bytes), hasBom };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const where = offset < bytes.length ? `first bad byte at offset ${offset}` : 'it ends inside a character';
    throw new SourceError(`cannot read: not valid UTF-8 (${where})`);
  }
}

/**
 * Replaces the file with the fixed text, keeping its byte order mark and mode,
 * unless it changed on disk since it was read. The text goes to a temporary
 * file beside it first and is renamed over it, so the file is never half written.
 */
export function writeSourceIfUnchanged(path: string, original: SourceFile, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.memhints-tmp`);
  try {
    const mode = statSync(path).mode;
    writeFileSync(temporary, original.hasBom ? Buffer.concat([BOM, Buffer.from(text, 'utf8')]) : text, { mode, flag: 'wx' });
    if (!readFileSync(path).equals(original.bytes)) {
      throw new SourceError('not written: the file changed on disk while it was being checked');
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never created.
    }
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot write: ${describeFileError(error)}`);
  }
}

/** Byte offset of the first byte that does not continue a valid UTF-8 sequence. */
function firstInvalidUtf8Byte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix: decoding a prefix fails only if it contains a bad
  // byte (a sequence cut at the end is tolerated with stream: true).
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (decodesAsPrefix(bytes.subarray(0, mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

function decodesAsPrefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
