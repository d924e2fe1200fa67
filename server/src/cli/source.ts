// Reading Python files as UTF-8 text and writing fixed text back safely.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFileError } from '../config/fileErrors';
import { whyTooLarge } from '../document/limits';
import { NotCheckable } from './lint';

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

/** How much of a file is read, and what to say of the limit when a file is larger. */
export interface ReadLimit {
  readonly bytes: number;
  /** "see --max-file-size": how to raise the limit, if it can be. */
  readonly note: string;
}

/**
 * Reads the file, at most `limit.bytes` of it: a larger one, or anything but a
 * regular file (a FIFO would block, a device never end), is not checked.
 */
export function readSource(path: string, limit: ReadLimit): SourceFile {
  let descriptor: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new SourceError(`cannot read: ${describeFileError(error)}`);
  }
  let bytes: Buffer;
  try {
    bytes = readBounded(descriptor, limit);
  } catch (error) {
    if (error instanceof NotCheckable) throw error;
    throw new SourceError(`cannot read: ${describeFileError(error)}`);
  } finally {
    closeSync(descriptor);
  }
  const hasBom = bytes.subarray(0, 3).equals(BOM);
  try {
    return { bytes, text: strictUtf8.decode(hasBom ? bytes.subarray(3) : bytes), hasBom };
  } catch {
    throw new SourceError(`cannot read: not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Byte(bytes)})`);
  }
}

/**
 * Replaces the file with the fixed text, keeping its byte order mark and mode,
 * unless it changed on disk since it was read. The text goes to a temporary
 * file beside it first and is renamed over it, so the file is never half written.
 */
export function writeSourceIfUnchanged(path: string, original: SourceFile, text: string): void {
  let target: string;
  try {
    // Through a symbolic link to the file itself: renaming over the link would replace it.
    target = realpathSync(path);
  } catch (error) {
    throw new SourceError(`cannot write: ${describeFileError(error)}`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.memhints-tmp`);
  try {
    const mode = statSync(target).mode & 0o7777;
    writeFileSync(temporary, original.hasBom ? Buffer.concat([BOM, Buffer.from(text, 'utf8')]) : text, { flag: 'wx' });
    // Set after writing: the umask would otherwise narrow the mode given to writeFileSync.
    chmodSync(temporary, mode);
    if (!readFileSync(target).equals(original.bytes)) {
      throw new SourceError('not written: the file changed on disk while it was being checked');
    }
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // It was never created.
    }
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot write: ${describeFileError(error)}`);
  }
}

function readBounded(descriptor: number, limit: ReadLimit): Buffer {
  const stats = fstatSync(descriptor);
  if (!stats.isFile()) throw new NotCheckable(`it is ${fileKind(stats)}, not a regular file`);
  const tooLarge = whyTooLarge(stats.size, limit.bytes);
  if (tooLarge) throw new NotCheckable(`${tooLarge.reason} (${limit.note})`);
  // The file may grow after fstat: one byte more than the limit tells.
  const buffer = Buffer.allocUnsafe(Math.min(stats.size, limit.bytes) + 1);
  let length = 0;
  for (let read = -1; read !== 0 && length < buffer.length; length += read) {
    read = readSync(descriptor, buffer, length, buffer.length - length, null);
  }
  const grown = whyTooLarge(length, limit.bytes, true);
  if (grown) throw new NotCheckable(`${grown.reason} (${limit.note})`);
  return buffer.subarray(0, length);
}

function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a directory';
  return 'a special file';
}

/** Byte offset where the first invalid or cut-off UTF-8 sequence starts. */
function firstInvalidUtf8Byte(bytes: Buffer): number {
  // The longest prefix that could still be continued into valid UTF-8 (a
  // property that only shrinks as the prefix grows), found by bisection...
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (decodes(bytes.subarray(0, mid), { stream: true })) low = mid;
    else high = mid - 1;
  }
  // ...then back over the start of the sequence it ends in, if that is incomplete.
  let start = low;
  while (start > 0 && !decodes(bytes.subarray(0, start), { stream: false })) start--;
  return start;
}

function decodes(bytes: Buffer, options: { stream: boolean }): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, options);
    return true;
  } catch {
    return false;
  }
}
