// Opening a data file for a bounded look: only a regular file (a FIFO or a
// device would block or never end), read in slices that together stay within
// the sample limit, so that a hover never waits on a FIFO nor reads a file of
// gigabytes. Nothing here throws: a failure is a reason in words.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import type { SampleLimits } from './dataEstimate';

/** Why a data file could not be looked at, in the words every estimator answers with. */
export class NotEstimated extends Error {
  constructor(why: string) {
    super(`not estimated: ${why}`);
  }
}

/** The sample limit stops a look before it has what it needs. */
export class SampleLimitReached extends NotEstimated {}

/** The reason to give for an error: ours as it is, anything else (an I/O error) in words. */
export function reasonOf(error: unknown): string {
  if (error instanceof NotEstimated) return error.message;
  // An I/O error names its system call; a parser's error may carry a code of its own, and says more in its message.
  const io = error as NodeJS.ErrnoException | undefined;
  if (io?.syscall && io.code) return `not estimated: the file could not be read (${io.code})`;
  return `not estimated: ${error instanceof Error ? error.message : String(error)}`;
}

// O_NONBLOCK where the platform has it: a FIFO swapped in after the check
// before opening must not make open() wait for a writer.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a file that is not a regular file is, for the reason; undefined for a regular file. */
function specialKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'of another kind';
}

function refuseSpecial(stats: Stats): void {
  const kind = specialKind(stats);
  if (kind) throw new NotEstimated(`not a regular file (${kind})`);
}

/**
 * Counts the bytes read from one file against the sample limit, so that no
 * estimator reads more than SampleLimits.maxSampleBytes in all.
 */
class SampleBudget {
  private spent = 0;
  constructor(readonly limit: number) {}

  get remaining(): number {
    return Math.max(0, this.limit - this.spent);
  }

  /** Takes `bytes` from the budget, or says that the sample limit does not allow them. */
  spend(bytes: number, what: string): void {
    if (bytes > this.remaining)
      throw new SampleLimitReached(`${what} would take more than the ${this.limit}-byte sample limit`);
    this.spent += bytes;
  }
}

/** An open regular file, its size, and bounded reads from it. */
export interface SampledFile {
  readonly fd: number;
  readonly size: number;
  readonly budget: SampleBudget;
  /** Up to `length` bytes from `position` (fewer at the end of the file), taken from the budget. */
  read(position: number, length: number, what: string): Buffer;
}

/**
 * Opens `path` read-only and non-blocking after checking, before and after
 * opening, that it is a regular file. The caller closes it with closeSampledFile.
 */
function openSampledFile(path: string, limits: SampleLimits): SampledFile {
  // lstat first, so that a special file is refused before anything opens it; a symlink is judged by its target.
  const link = lstatSync(path);
  refuseSpecial(link.isSymbolicLink() ? statSync(path) : link);
  const fd = openSync(path, READ_FLAGS);
  try {
    // The path may have been replaced between the check and the open.
    const stats = fstatSync(fd);
    refuseSpecial(stats);
    const budget = new SampleBudget(limits.maxSampleBytes);
    return {
      fd,
      size: stats.size,
      budget,
      read: (position, length, what) => readSlice(fd, stats.size, budget, position, length, what),
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readSlice(
  fd: number,
  size: number,
  budget: SampleBudget,
  position: number,
  length: number,
  what: string,
): Buffer {
  const wanted = Math.max(0, Math.min(length, size - position));
  budget.spend(wanted, what);
  const buffer = Buffer.allocUnsafe(wanted);
  let filled = 0;
  while (filled < wanted) {
    const count = readSync(fd, buffer, filled, wanted - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  // A file that shrank while being read is read as far as it went.
  return filled === wanted ? buffer : buffer.subarray(0, filled);
}

function closeSampledFile(file: SampledFile): void {
  try {
    closeSync(file.fd);
  } catch {
    // Closing a descriptor we opened only fails if it is already closed.
  }
}

/** Runs `look` on the opened file and answers its result, or the reason it could not. */
export function withSampledFile<T>(
  path: string,
  limits: SampleLimits,
  look: (file: SampledFile) => T,
): T | { reason: string } {
  let file: SampledFile | undefined;
  try {
    file = openSampledFile(path, limits);
    return look(file);
  } catch (error) {
    return { reason: reasonOf(error) };
  } finally {
    if (file) closeSampledFile(file);
  }
}

/** The async form of withSampledFile, for readers (zip, Parquet) that read through callbacks or promises. */
export async function withSampledFileAsync<T>(
  path: string,
  limits: SampleLimits,
  look: (file: SampledFile) => Promise<T>,
): Promise<T | { reason: string }> {
  let file: SampledFile | undefined;
  try {
    file = openSampledFile(path, limits);
    return await look(file);
  } catch (error) {
    return { reason: reasonOf(error) };
  } finally {
    if (file) closeSampledFile(file);
  }
}
