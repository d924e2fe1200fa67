// The file a bundle's code cache is kept in: a header that names what it was made
// from (the key) and a SHA-256 of the V8 data, then the data. V8 checks its own
// version, flags and the source's length before using cached code, but not that
// the bytes are intact, so a file cut short or changed on disk is told by its
// digest and never given to V8.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAGIC = 'memhints-code-cache-1\n';
const DIGEST_BYTES = 32;

function digest(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The V8 data in `file` when it is intact and was made for `key`; undefined for anything else. */
export function readCodeCache(file: string, key: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${MAGIC}${key}\n`);
  const dataStart = header.length + DIGEST_BYTES;
  if (bytes.length <= dataStart || !bytes.subarray(0, header.length).equals(header)) return undefined;
  const data = bytes.subarray(dataStart);
  return digest(data).equals(bytes.subarray(header.length, dataStart)) ? data : undefined;
}

/**
 * Writes the cache whole or not at all: to a file of this process's, then
 * renamed over the old one, so that a reader never sees half of it.
 */
export function writeCodeCache(file: string, key: string, data: Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${key}\n`), digest(data), data]));
    renameSync(temporary, file);
  } catch {
    // A read-only or full disk costs the next run its cache, nothing more.
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
  }
}
