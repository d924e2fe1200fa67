// Reads the start of a data file, never more than a bound: the estimators look
// at a sample of the workspace's data, and a hover must not wait on a FIFO or a
// device, nor read a file of gigabytes.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export interface FileSample {
  /** The first bytes of the file, at most the bound asked for. */
  readonly bytes: Buffer;
  /** The file's size on disk. */
  readonly fileBytes: number;
  /** True when the sample is shorter than the file. */
  readonly truncated: boolean;
}

export type FileSampleResult =
  | { readonly sample: FileSample; readonly reason?: undefined }
  | { readonly sample?: undefined; readonly reason: string };

// O_NONBLOCK where the platform has it: a FIFO swapped in after the check below
// must not make open() wait for a writer.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** The first `maxBytes` of the regular file at `path` (a symlink is followed to its target), or why not. */
export function readFileSample(path: string, maxBytes: number): FileSampleResult {
  let fd: number | undefined;
  try {
    // lstat first so that a special file is refused before anything opens it; a
    // symlink (the caller decided to follow it) is judged by its target.
    const linkStats = lstatSync(path);
    const special = kindOf(linkStats.isSymbolicLink() ? statSync(path) : linkStats);
    if (special) return { reason: `not estimated: ${path} is ${special}` };
    fd = openSync(path, READ_FLAGS);
    const stats = fstatSync(fd);
    const raced = kindOf(stats);
    if (raced) return { reason: `not estimated: ${path} is ${raced}` };
    const fileBytes = stats.size;
    const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(fileBytes, maxBytes)));
    let read = 0;
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, read);
      if (got === 0) break;
      read += got;
    }
    // A file that shrank while being read is sampled as far as it went.
    const sample = read < bytes.length ? bytes.subarray(0, read) : bytes;
    return { sample: { bytes: sample, fileBytes, truncated: sample.length < fileBytes } };
  } catch (error) {
    return {
      reason: `not estimated: ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
