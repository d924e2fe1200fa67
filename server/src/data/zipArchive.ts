// A zip archive read through yauzl, but only as far as the sample limit
// allows: the central directory, and the first bytes of a member (stored
// members as they are; deflated ones inflated from a bounded slice of their
// compressed data). Every byte yauzl asks for comes from SampledFile.read,
// which counts it against the budget.
import { Readable } from 'node:stream';
import { createInflateRaw, constants as zlibConstants } from 'node:zlib';
import { fromRandomAccessReaderPromise, RandomAccessReader, type Entry, type ZipFile } from 'yauzl';
import { NotEstimated, type SampledFile } from './regularFile';

/** zip compression methods a member of an .npz can have (numpy writes ZIP_STORED or, for savez_compressed, ZIP_DEFLATED). */
const STORED = 0;
const DEFLATED = 8;

/** The first compressed slice inflated for a member's leading bytes; doubled until it yields enough. */
const FIRST_COMPRESSED_SLICE = 1024;

class SampledFileReader extends RandomAccessReader {
  constructor(private readonly file: SampledFile) {
    super();
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    try {
      const bytes = this.file.read(position, length, 'the zip directory');
      if (bytes.length < length) throw new NotEstimated('the zip archive is truncated');
      bytes.copy(buffer, offset);
      setImmediate(() => callback(null));
    } catch (error) {
      setImmediate(() => callback(error as Error));
    }
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.file.read(start, end - start, 'the zip archive')]);
  }
}

export interface ZipMember {
  readonly name: string;
  readonly compressionMethod: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly entry: Entry;
}

export interface ZipArchive {
  readonly members: readonly ZipMember[];
  /** Up to `length` leading bytes of the member's uncompressed data. */
  leadingBytes(member: ZipMember, length: number): Promise<Buffer>;
  close(): void;
}

/** yauzl's own errors (a bad signature, a truncated directory) say the file is no zip archive; ours pass through. */
function notAZip(error: unknown): Error {
  if (error instanceof NotEstimated) return error;
  return new NotEstimated(`not a zip archive (${error instanceof Error ? error.message : String(error)})`);
}

async function listMembers(zip: ZipFile): Promise<ZipMember[]> {
  const members: ZipMember[] = [];
  for await (const entry of zip.eachEntry()) {
    members.push({
      name: entry.fileName,
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      entry,
    });
  }
  return members;
}

/**
 * Inflates the start of a raw deflate stream, stopping once `length` bytes
 * came out (a stream is used so that a highly compressed slice never
 * inflates whole); a cut-off stream yields what it has so far.
 */
function inflateStart(compressed: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const chunks: Buffer[] = [];
    let inflated = 0;
    const done = (): void => resolve(Buffer.concat(chunks).subarray(0, length));
    inflate.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      inflated += chunk.length;
      if (inflated < length) return;
      inflate.destroy();
      done();
    });
    inflate.on('end', done);
    inflate.on('error', () => reject(new NotEstimated('a deflated member is corrupt')));
    inflate.end(compressed);
  });
}

async function memberLeadingBytes(zip: ZipFile, file: SampledFile, member: ZipMember, length: number): Promise<Buffer> {
  if (member.entry.isEncrypted()) throw new NotEstimated(`member ${member.name} is encrypted`);
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(member.entry, { minimal: true });
  if (fileDataStart + member.compressedSize > file.size) throw new NotEstimated(`member ${member.name} is truncated`);
  const read = (count: number): Buffer =>
    file.read(fileDataStart, Math.min(count, member.compressedSize), `member ${member.name}`);
  if (member.compressionMethod === STORED) return read(length);
  if (member.compressionMethod !== DEFLATED)
    throw new NotEstimated(
      `member ${member.name} uses zip compression method ${member.compressionMethod}, which numpy does not write`,
    );
  for (let slice = FIRST_COMPRESSED_SLICE; ; slice *= 2) {
    const inflated = await inflateStart(read(slice), length);
    if (inflated.length >= length || slice >= member.compressedSize) return inflated.subarray(0, length);
  }
}

/** Opens the archive's central directory; throws NotEstimated when the file is no zip archive. */
export async function openZipArchive(file: SampledFile): Promise<ZipArchive> {
  let zip: ZipFile;
  let members: ZipMember[];
  try {
    zip = await fromRandomAccessReaderPromise(new SampledFileReader(file), file.size, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: false,
    });
    members = await listMembers(zip);
  } catch (error) {
    throw notAZip(error);
  }
  return {
    members,
    leadingBytes: (member, length) => memberLeadingBytes(zip, file, member, length),
    close: () => zip.close(),
  };
}
