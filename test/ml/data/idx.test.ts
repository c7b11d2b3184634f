import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asImages, asLabels, IdxError, MAX_IDX_BYTES, maybeGunzip, parseIdx, readIdxFile } from '../../../ml/data/idx.ts';
import { MNIST_FILES } from '../../../ml/data/mnist.ts';
import { mnistDir } from '../../support/mnistTest.ts';

/** An IDX buffer: magic, type, rank, big-endian dimensions, then `payload` bytes (0, 1, 2, ...). */
function idx(dims: readonly number[], payload: number, options: { type?: number; magic?: readonly [number, number] } = {}): Uint8Array {
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + payload);
  const view = new DataView(bytes.buffer);
  bytes[0] = options.magic?.[0] ?? 0;
  bytes[1] = options.magic?.[1] ?? 0;
  bytes[2] = options.type ?? 0x08;
  bytes[3] = dims.length;
  dims.forEach((dim, d) => { view.setUint32(4 + 4 * d, dim, false); });
  for (let i = 0; i < payload; i++) bytes[header + i] = i % 256;
  return bytes;
}

describe('the real MNIST files', () => {
  test.each([
    [MNIST_FILES.trainImages, [60_000, 28, 28]],
    [MNIST_FILES.trainLabels, [60_000]],
    [MNIST_FILES.testImages, [10_000, 28, 28]],
    [MNIST_FILES.testLabels, [10_000]],
  ])('%s parses as %j', async (file, dims) => {
    const parsed = await readIdxFile(join(mnistDir(), file));
    expect(parsed.dims).toEqual(dims);
    expect(parsed.data.length).toBe(dims.reduce((a, b) => a * b, 1));
    if (dims.length === 3) {
      const images = asImages(parsed, file);
      expect([images.count, images.height, images.width]).toEqual(dims);
      expect(Math.max(...images.data.subarray(0, 784))).toBe(255);
    } else {
      const labels = asLabels(parsed, file, 10);
      // every digit occurs, and nothing else
      expect(new Set(labels).size).toBe(10);
    }
  });
});

describe('parseIdx rejects malformed input with the file name and the reason', () => {
  test.each([
    { name: 'empty', bytes: new Uint8Array(0), error: 'bad.idx: truncated: 0 bytes is shorter than the IDX header' },
    { name: '3 bytes', bytes: new Uint8Array([0, 0, 8]), error: 'truncated: 3 bytes' },
    { name: 'header cut inside the dimensions', bytes: idx([10, 28, 28], 0).subarray(0, 9), error: 'truncated: header needs 16 bytes, file has 9' },
    { name: 'wrong magic (first byte)', bytes: idx([4], 4, { magic: [1, 0] }), error: 'wrong magic number' },
    { name: 'wrong magic (second byte)', bytes: idx([4], 4, { magic: [0, 0x1f] }), error: 'wrong magic number' },
    { name: 'a PNG', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), error: 'wrong magic number' },
    { name: 'float values', bytes: idx([4], 16, { type: 0x0d }), error: 'unsupported value type 0xd' },
    { name: 'signed bytes', bytes: idx([4], 4, { type: 0x09 }), error: 'unsupported value type 0x9' },
    { name: 'no dimensions', bytes: idx([], 0), error: 'unsupported number of dimensions 0' },
    { name: 'four dimensions', bytes: idx([1, 1, 1, 1], 1), error: 'unsupported number of dimensions 4' },
    { name: 'a zero dimension', bytes: idx([0, 28, 28], 0), error: 'dimension 0 is 0' },
    { name: 'one dimension of 4e9', bytes: idx([4_000_000_000], 0), error: 'dimension 0 is 4000000000: out of range' },
    { name: '65536 x 65536 = 4.3e9 values', bytes: idx([65_536, 65_536], 0), error: `larger than the ${MAX_IDX_BYTES}-byte limit` },
    { name: '1e7 x 28 x 28 values', bytes: idx([10_000_000, 28, 28], 0), error: `larger than the ${MAX_IDX_BYTES}-byte limit` },
    // the length counts the 16-byte header: 16 + 2*3*3 = 34
    { name: 'one value short', bytes: idx([2, 3, 3], 17), error: 'wrong length: header says 2x3x3 values, so 16 + 18 = 34 bytes; file has 33 (truncated)' },
    { name: 'no values at all', bytes: idx([5], 0), error: '(truncated)' },
    { name: 'one trailing byte', bytes: idx([2, 3, 3], 19), error: 'wrong length: header says 2x3x3 values, so 16 + 18 = 34 bytes; file has 35 (trailing data)' },
  ])('$name', ({ bytes, error }) => {
    expect(() => parseIdx(bytes, 'bad.idx')).toThrow(IdxError);
    expect(() => parseIdx(bytes, 'bad.idx')).toThrow(error);
  });

  test('a header claiming billions of values fails at once, before allocating anything like them', () => {
    const before = process.memoryUsage();
    const started = performance.now();
    for (const dims of [[4_000_000_000], [65_536, 65_536], [9_999_999, 4096, 4096]]) {
      expect(() => parseIdx(idx(dims, 0), 'huge.idx')).toThrow(IdxError);
    }
    const after = process.memoryUsage();
    expect(performance.now() - started).toBeLessThan(100);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
  });

  test('the values are a view after the header, not a copy', () => {
    const bytes = idx([2, 2, 3], 12);
    const parsed = parseIdx(bytes, 'ok.idx');
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect([...parsed.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(parsed.data.buffer).toBe(bytes.buffer);
  });
});

describe('images and labels', () => {
  test.each([
    { name: 'labels as images', run: () => asImages(parseIdx(idx([3], 3), 'l.idx'), 'l.idx'), error: 'l.idx: expected images (3 dimensions), got 1' },
    { name: 'images as labels', run: () => asLabels(parseIdx(idx([1, 2, 2], 4), 'i.idx'), 'i.idx', 10), error: 'i.idx: expected labels (1 dimension), got 3' },
    { name: 'images wider than 4096', run: () => asImages(parseIdx(idx([1, 1, 5000], 5000), 'w.idx'), 'w.idx'), error: 'images of 5000x1 exceed 4096 px a side' },
    { name: 'label 10', run: () => asLabels(parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 0, 9, 10]), 'l.idx'), 'l.idx', 10), error: 'l.idx: label 10 at index 2 is not in 0..9' },
    { name: 'label 255', run: () => asLabels(parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 1, 255]), 'l.idx'), 'l.idx', 10), error: 'label 255 at index 0' },
  ])('$name is refused', ({ run, error }) => {
    expect(run).toThrow(IdxError);
    expect(run).toThrow(error);
  });

  test('labels 0..9 and images of any size within bounds are accepted', () => {
    expect([...asLabels(parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 0, 9]), 'l.idx'), 'l.idx', 10)]).toEqual([0, 9]);
    expect(asImages(parseIdx(idx([2, 16, 16], 512), 'i.idx'), 'i.idx')).toMatchObject({ count: 2, height: 16, width: 16 });
  });
});

describe('files, gzip and gzip bombs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hd-idx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('raw and gzipped files read the same', async () => {
    const bytes = idx([3, 2, 2], 12);
    await writeFile(join(dir, 'raw.idx'), bytes);
    await writeFile(join(dir, 'packed.idx.gz'), gzipSync(bytes));
    const raw = await readIdxFile(join(dir, 'raw.idx'));
    const packed = await readIdxFile(join(dir, 'packed.idx.gz'));
    expect(packed.dims).toEqual(raw.dims);
    expect([...packed.data]).toEqual([...raw.data]);
  });

  test.each([
    { name: 'a missing file', file: 'missing.idx', bytes: undefined, error: 'missing.idx: cannot read' },
    { name: 'gzip magic then garbage', file: 'broken.gz', bytes: Uint8Array.from([0x1f, 0x8b, 1, 2, 3, 4, 5]), error: 'broken.gz: not a valid gzip file' },
    { name: 'a truncated gzip stream', file: 'cut.gz', bytes: gzipSync(idx([100], 100)).subarray(0, 20), error: 'cut.gz: not a valid gzip file' },
    { name: 'a gzipped file with trailing data', file: 'long.gz', bytes: gzipSync(idx([4], 5)), error: 'long.gz: wrong length' },
  ])('$name is refused', async ({ file, bytes, error }) => {
    if (bytes) await writeFile(join(dir, file), bytes);
    await expect(readIdxFile(join(dir, file))).rejects.toThrow(IdxError);
    await expect(readIdxFile(join(dir, file))).rejects.toThrow(error);
  });

  test('a gzip bomb is stopped at the unpacked-size limit', async () => {
    // ~300 MB of zeros packs into ~300 KB; built by streaming so the test never holds it whole.
    const gzip = createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolve) => gzip.on('end', resolve));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < MAX_IDX_BYTES / zeros.length + 40; i++) {
      if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
    }
    gzip.end();
    await done;
    const bomb = Buffer.concat(chunks);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => maybeGunzip(bomb, 'bomb.gz')).toThrow(`bomb.gz: not a valid gzip file or larger than ${MAX_IDX_BYTES} bytes unpacked`);
  });
});
