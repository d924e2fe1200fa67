// Data files the data-estimate tests write themselves: .npy files laid out as
// numpy.lib.format writes them, zip archives (.npz) with stored or deflated
// members, a FIFO, and a temporary folder removed after the test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';

/** A folder for this test file's data, removed when its tests end. */
export function dataFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `memhints-${prefix}-`));
  after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

export interface NpyLayout {
  /** The header dict as Python source, e.g. "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }". */
  readonly header: string;
  readonly version?: 1 | 2 | 3;
  /** Bytes of data after the header. */
  readonly dataBytes: number;
}

/** An .npy file: magic, version, header length, the header padded with spaces to 64 bytes and a newline, then zeros. */
export function npyBytes({ header, version = 1, dataBytes }: NpyLayout): Buffer {
  const prefix = version === 1 ? 10 : 12;
  const encoded = Buffer.from(header, version === 3 ? 'utf8' : 'latin1');
  const padded = Math.ceil((prefix + encoded.length + 1) / 64) * 64 - prefix;
  const text = Buffer.concat([encoded, Buffer.alloc(padded - encoded.length - 1, 0x20), Buffer.from('\n')]);
  const start = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const length = Buffer.alloc(version === 1 ? 2 : 4);
  if (version === 1) length.writeUInt16LE(text.length);
  else length.writeUInt32LE(text.length);
  return Buffer.concat([start, length, text, Buffer.alloc(dataBytes)]);
}

export function npyHeaderDict(descr: string, shape: string, fortranOrder = false): string {
  return `{'descr': ${descr}, 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${shape}, }`;
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly deflate?: boolean;
}

/** A zip archive of the entries (no zip64), as zipfile writes small ones. */
export function zipBytes(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const stored = entry.deflate ? deflateRawSync(entry.data) : entry.data;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Makes a FIFO at `path` (mkfifo); nothing writes to it, so opening it for reading would block. */
export function makeFifo(path: string): void {
  const result = spawnSync('mkfifo', [path]);
  if (result.status !== 0) throw new Error(`mkfifo failed: ${result.stderr}`);
}
