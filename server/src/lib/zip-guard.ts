// Issue 12 item 6: an uploaded .xlsx is a zip archive, and a zip can be a decompression bomb (a few
// hundred KB of deflate expanding to gigabytes). Before any parser touches one, this reads its central
// directory — entry count, declared sizes, compression ratios, encryption, ZIP64 — and then inflates
// every entry once, counting bytes and discarding them, so an archive whose declared sizes lie is
// refused after at most `maxTotalBytes` of output and never held in memory. It also checks that the
// local entries a streaming reader walks are exactly the ones the directory lists (no hidden entries).
import zlib from 'node:zlib';

export const ZIP_LIMITS = {
  /** Entries (files and folders); a workbook has a few dozen. */
  maxEntries: 1000,
  /** Declared and actual uncompressed bytes of all entries together (100,000 rows ≈ 75 MB). */
  maxTotalBytes: 200 * 1024 * 1024,
  /** Uncompressed ÷ compressed of one entry, checked for entries over 1 MB (sheets compress ~10–20×). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

/**
 * An archive refused, with the Chinese reason shown to the user. `broken`: not a readable zip at all
 * (the caller may word that its own way); otherwise over a limit or lying about its sizes.
 */
export class ZipRefused extends Error {
  readonly broken: boolean;
  constructor(message: string, broken = false) {
    super(message);
    this.broken = broken;
  }
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MB = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);

type Entry = { name: string; flags: number; method: number; compressed: number; size: number; offset: number };

const broken = () => new ZipRefused('文件不是有效的 Excel 工作簿（.xlsx），其压缩结构无法读取，文件可能已损坏', true);

function endOfDirectory(buf: Buffer): number {
  const last = buf.length - 22;
  for (let i = last; i >= Math.max(0, last - 0xffff); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw broken();
}

/** The central directory's entries; throws ZipRefused on anything over the limits. */
export function zipDirectory(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Entry[] {
  if (buf.length < 22) throw broken();
  const eocd = endOfDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipRefused('不支持 ZIP64 格式的文件，请在 Excel 中重新保存后上传');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 8) !== count) throw broken();
  if (count > limits.maxEntries) throw new ZipRefused(`文件包含的条目过多（${count}个，上限${limits.maxEntries}个），不是正常的 Excel 工作簿`);
  if (offset + size > eocd) throw broken();
  const entries: Entry[] = [];
  let total = 0;
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) throw broken();
    const e: Entry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)),
    };
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.offset === 0xffffffff)
      throw new ZipRefused('不支持 ZIP64 格式的文件，请在 Excel 中重新保存后上传');
    if (e.flags & 1) throw new ZipRefused('文件已加密，请在 Excel 中取消密码保护后再上传');
    if (e.method !== 0 && e.method !== 8) throw new ZipRefused('文件使用了不支持的压缩方式，请在 Excel 中重新保存后上传');
    total += e.size;
    if (total > limits.maxTotalBytes) {
      throw new ZipRefused(`文件解压后过大（超过 ${MB(limits.maxTotalBytes)} MB），请拆分为多个文件分批导入`);
    }
    if (e.size > limits.ratioFloorBytes && e.size > e.compressed * limits.maxRatio) {
      throw new ZipRefused(`文件中“${e.name.slice(0, 60)}”的压缩比异常（${Math.round(e.size / Math.max(1, e.compressed))}倍），疑似压缩炸弹，已拒绝`);
    }
    entries.push(e);
  }
  return entries;
}

/** Inflates `data`, counting and discarding the output; stops as soon as it passes `limit`. */
function inflatedLength(data: Buffer, limit: number, tap?: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let n = 0;
    let done = false;
    const finish = (v: number) => {
      if (done) return;
      done = true;
      resolve(v);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      tap?.(chunk);
      if (n > limit) {
        z.destroy();
        finish(n);
      }
    });
    z.on('end', () => finish(n));
    z.on('error', (err) => {
      if (!done) reject(err);
    });
    z.end(data);
  });
}

/** One local entry's bytes in the archive: header, data and data descriptor, `start` to `end`. */
export type ZipPart = { name: string; start: number; end: number };
export type CheckedZip = {
  entries: number;
  inflatedBytes: number;
  /** The local entries in the order they are stored; the central directory begins at `directoryStart`. */
  parts: ZipPart[];
  directoryStart: number;
};

/**
 * Checks a zip archive before it is parsed (see the header). Resolves with the entry count, the
 * inflated total and where each local entry lies; rejects with ZipRefused (a Chinese message) when it
 * is not a sound archive within the limits. Holds at most one 64 KB chunk of inflated output at a time.
 */
export async function checkZipArchive(
  buf: Buffer,
  limits: ZipLimits = ZIP_LIMITS,
  /** Sees the inflated bytes of the entries it asks for (by name), as they pass. */
  tap?: (name: string) => ((chunk: Buffer) => void) | undefined,
): Promise<CheckedZip> {
  const entries = zipDirectory(buf, limits).sort((a, b) => a.offset - b.offset);
  const directoryStart = buf.readUInt32LE(endOfDirectory(buf) + 16);
  let cursor = 0;
  let total = 0;
  const parts: ZipPart[] = [];
  for (const e of entries) {
    // Local entries follow one another from the start up to the directory: a streaming reader
    // (which walks local headers, not the directory) then sees exactly these entries.
    if (e.offset !== cursor || e.offset + 30 > directoryStart || buf.readUInt32LE(e.offset) !== LOC) throw broken();
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const end = start + e.compressed;
    if (end > directoryStart) throw broken();
    const data = buf.subarray(start, end);
    let actual: number;
    const sink = tap?.(e.name);
    if (e.method === 0) {
      actual = data.length;
      if (actual === e.size) sink?.(data);
    } else {
      try {
        actual = await inflatedLength(data, Math.min(e.size, limits.maxTotalBytes - total), sink);
      } catch {
        throw broken();
      }
    }
    if (actual !== e.size) throw new ZipRefused('文件的实际内容与其声明的大小不符（文件可能已损坏或被篡改），已拒绝');
    total += actual;
    cursor = end;
    if (e.flags & 8) cursor += end + 4 <= directoryStart && buf.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    parts.push({ name: e.name, start: e.offset, end: cursor });
  }
  if (cursor !== directoryStart) throw broken();
  return { entries: entries.length, inflatedBytes: total, parts, directoryStart };
}
