import { constants, crc32, deflateRawSync } from 'node:zlib';

const MB = 1024 * 1024;

/** One entry of a hand-built archive. */
export interface ZipEntrySpec {
  name: string;
  /** The bytes, or a number of zeros (deflated one MB at a time, never held whole). */
  content: Buffer | { zeros: number };
  /** The uncompressed size the headers claim; the truth when omitted. Lying here is the point. */
  declaredSize?: number;
  /** 8 deflate (default), 0 stored. */
  method?: 0 | 8;
}

export interface ZipLayout {
  /** The entry count written in the end record; the truth when omitted. */
  declaredEntryCount?: number;
  /** Bytes put before the archive without moving any offset, as a .crx-style prefix would. */
  prefix?: Buffer;
  /** Writes zip64 end records and saturates the classic end record's fields, as big archives do. */
  zip64?: boolean;
}

interface Packed {
  spec: ZipEntrySpec;
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * A minimal zip writer for specs: local headers, central directory and end record written by hand,
 * so an archive can say what no honest writer would (a declared size that is not the real one, an
 * entry count that hides records). Starts with PK\x03\x04 like any zip.
 */
export function buildZip(entries: ZipEntrySpec[], layout: ZipLayout = {}): Buffer {
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const packed of entries.map(pack)) {
    const name = Buffer.from(packed.spec.name, 'utf8');
    const fields = headerFields(packed);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields.copy(local, 4);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed.data);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    fields.copy(record, 6);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    records.push(record, name);
    offset += local.length + name.length + packed.data.length;
  }
  const directory = Buffer.concat(records);
  const count = layout.declaredEntryCount ?? entries.length;
  const zip64 = layout.zip64 ? zip64EndRecords(count, directory.length, offset) : [];
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(layout.zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(layout.zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(layout.zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(layout.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([layout.prefix ?? Buffer.alloc(0), ...locals, directory, ...zip64, end]);
}

/** The zip64 end of central directory record and its locator, written right after the directory. */
function zip64EndRecords(count: number, directorySize: number, directoryOffset: number): Buffer[] {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return [record, locator];
}

/** Version, flags (UTF-8 names), method, time, date, CRC and both sizes: shared by both headers. */
function headerFields({ spec, data, crc, size }: Packed): Buffer {
  const fields = Buffer.alloc(22);
  fields.writeUInt16LE(20, 0);
  fields.writeUInt16LE(0x0800, 2);
  fields.writeUInt16LE(spec.method ?? 8, 4);
  fields.writeUInt16LE(0x21, 8);
  fields.writeUInt32LE(crc >>> 0, 10);
  fields.writeUInt32LE(data.length, 14);
  fields.writeUInt32LE(spec.declaredSize ?? size, 18);
  return fields;
}

function pack(spec: ZipEntrySpec): Packed {
  if (Buffer.isBuffer(spec.content)) {
    const data = spec.method === 0 ? spec.content : deflateRawSync(spec.content);
    return { spec, data, crc: crc32(spec.content), size: spec.content.length };
  }
  if (spec.method === 0) throw new Error('zeros are only written deflated');
  return { spec, ...deflatedZeros(spec.content.zeros) };
}

/**
 * Deflates `count` zeros without allocating them: each MB is compressed once with a full flush
 * (which ends on a byte boundary and resets the dictionary), repeated, and closed with an empty
 * final block. 200 MB of zeros come to about 200 KB.
 */
function deflatedZeros(count: number): { data: Buffer; crc: number; size: number } {
  const piece = Buffer.alloc(Math.min(count, MB));
  const full = deflateRawSync(piece, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [];
  let crc = 0;
  let left = count;
  for (; left >= piece.length && piece.length > 0; left -= piece.length) {
    parts.push(full);
    crc = crc32(piece, crc);
  }
  if (left > 0) {
    parts.push(deflateRawSync(piece.subarray(0, left), { finishFlush: constants.Z_FULL_FLUSH }));
    crc = crc32(piece.subarray(0, left), crc);
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  return { data: Buffer.concat(parts), crc, size: count };
}
