/**
 * A minimal ZIP writer for .xlsx packages, deflating with the runtime's native zlib
 * (`node:zlib`: C speed, 5–15× cheaper than a JavaScript deflate, and counted in the
 * function's CPU like any code).
 *
 * A large part (a sheet) is written in chunks as it is produced, so its XML never sits
 * in memory whole: each chunk is deflated on its own and ends with a sync flush (no
 * final block), the part ends with an empty final block, and the CRC-32 runs over the
 * chunks. No ZIP64 (a workbook is far below 4 GB), no encryption.
 */
import * as zlib from "node:zlib";

/** One finished part of the package. */
interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  chunks: Uint8Array[];
  compressedSize: number;
  method: 0 | 8;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (IEEE) in JavaScript, continuing from `crc`, for runtimes whose node:zlib has none. */
export function crc32Js(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number })
  .crc32;

/** CRC-32 of `bytes` continuing from `crc` (0 to start): native when the runtime has it. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  return nativeCrc32 ? nativeCrc32(bytes, crc) >>> 0 : crc32Js(bytes, crc);
}

/** The final, empty, fixed-Huffman deflate block that ends a chunked stream. */
const FINAL_BLOCK = new Uint8Array([0x03, 0x00]);

/** DOS date and time (UTC fields of `at`, two-second resolution). */
function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  };
}

/** A part being written chunk by chunk ({@link ZipWriter.part}). */
export class ZipPart {
  #crc = 0;
  #size = 0;
  #compressedSize = 0;
  readonly #chunks: Uint8Array[] = [];
  #ended = false;

  constructor(
    private readonly name: string,
    private readonly level: number,
    private readonly done: (entry: Omit<Entry, "name"> & { name: string }) => void,
  ) {}

  /** Adds the next bytes; `data` may be reused by the caller afterwards. */
  write(data: Uint8Array): void {
    if (this.#ended) throw new Error(`part ${this.name} is ended`);
    if (data.length === 0) return;
    this.#crc = crc32(data, this.#crc);
    this.#size += data.length;
    const out = this.level > 0
      ? zlib.deflateRawSync(data, {
        level: this.level,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      }) as Uint8Array
      : data.slice();
    this.#chunks.push(out);
    this.#compressedSize += out.length;
  }

  /** Finishes the part. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const deflate = this.level > 0;
    if (deflate) {
      this.#chunks.push(FINAL_BLOCK);
      this.#compressedSize += FINAL_BLOCK.length;
    }
    this.done({
      name: this.name,
      crc: this.#crc,
      size: this.#size,
      chunks: this.#chunks,
      compressedSize: this.#compressedSize,
      method: deflate ? 8 : 0,
    });
  }
}

/** Collects parts and writes the archive. */
export class ZipWriter {
  readonly #entries: Entry[] = [];
  readonly #level: number;
  readonly #stamp: { date: number; time: number };
  readonly #encoder = new TextEncoder();

  /** `level` 0 stores the parts, 1–9 deflates them (1 fastest). */
  constructor(options: { level?: number; modified?: Date } = {}) {
    this.#level = options.level ?? 6;
    this.#stamp = dosDateTime(options.modified ?? new Date());
  }

  /** Starts a part written in chunks; it joins the archive when ended. */
  part(name: string, options: { first?: boolean } = {}): ZipPart {
    return new ZipPart(name, this.#level, (entry) => {
      const e = { ...entry, name: this.#encoder.encode(entry.name) };
      if (options.first) this.#entries.unshift(e);
      else this.#entries.push(e);
    });
  }

  /**
   * Adds a whole part; the caller may reuse `data` afterwards. `first` puts it at the
   * start of the archive (e.g. `[Content_Types].xml`).
   */
  add(name: string, data: Uint8Array, options: { first?: boolean } = {}): void {
    const part = this.part(name, options);
    part.write(data);
    part.end();
  }

  /** The archive's bytes. */
  finish(): Uint8Array {
    const entries = this.#entries;
    let local = 0;
    let central = 0;
    for (const e of entries) {
      local += 30 + e.name.length + e.compressedSize;
      central += 46 + e.name.length;
    }
    const out = new Uint8Array(local + central + 22);
    const view = new DataView(out.buffer);
    const offsets: number[] = [];
    let p = 0;
    for (const e of entries) {
      offsets.push(p);
      view.setUint32(p, 0x04034b50, true);
      view.setUint16(p + 4, 20, true); // version needed
      view.setUint16(p + 6, 0x0800, true); // UTF-8 names
      view.setUint16(p + 8, e.method, true);
      view.setUint16(p + 10, this.#stamp.time, true);
      view.setUint16(p + 12, this.#stamp.date, true);
      view.setUint32(p + 14, e.crc, true);
      view.setUint32(p + 18, e.compressedSize, true);
      view.setUint32(p + 22, e.size, true);
      view.setUint16(p + 26, e.name.length, true);
      view.setUint16(p + 28, 0, true);
      out.set(e.name, p + 30);
      p += 30 + e.name.length;
      for (const chunk of e.chunks) {
        out.set(chunk, p);
        p += chunk.length;
      }
      e.chunks.length = 0; // let the compressed chunks go as soon as they are copied
    }
    const centralStart = p;
    entries.forEach((e, i) => {
      view.setUint32(p, 0x02014b50, true);
      view.setUint16(p + 4, 20, true); // version made by
      view.setUint16(p + 6, 20, true); // version needed
      view.setUint16(p + 8, 0x0800, true);
      view.setUint16(p + 10, e.method, true);
      view.setUint16(p + 12, this.#stamp.time, true);
      view.setUint16(p + 14, this.#stamp.date, true);
      view.setUint32(p + 16, e.crc, true);
      view.setUint32(p + 20, e.compressedSize, true);
      view.setUint32(p + 24, e.size, true);
      view.setUint16(p + 28, e.name.length, true);
      // extra length, comment length, disk number, internal and external attributes: 0
      view.setUint32(p + 42, offsets[i], true);
      out.set(e.name, p + 46);
      p += 46 + e.name.length;
    });
    view.setUint32(p, 0x06054b50, true);
    view.setUint16(p + 8, entries.length, true);
    view.setUint16(p + 10, entries.length, true);
    view.setUint32(p + 12, p - centralStart, true);
    view.setUint32(p + 16, centralStart, true);
    return out;
  }
}
