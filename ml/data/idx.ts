import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Strict reader for the IDX format MNIST ships in: 2 zero bytes, a type byte (0x08 = uint8), a
 * dimension count, big-endian uint32 dimensions, then the values. Anything else is rejected with the
 * file's name and what is wrong, before any buffer is allocated from the header's claims.
 */

const UBYTE = 0x08;
const HEADER_BYTES = 4;
/** No real IDX file we read is near this; it stops a hostile header or gzip bomb from eating memory. */
export const MAX_IDX_BYTES = 256 * 1024 * 1024;
const MAX_DIMENSION = 10_000_000;
const MAX_IMAGE_SIDE = 4096;

export class IdxError extends Error {
  override name = 'IdxError';
}

export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

export interface IdxImages {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** count * height * width bytes, row-major, 0 = paper, 255 = ink */
  readonly data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  const fail = (why: string): never => {
    throw new IdxError(`${name}: ${why}`);
  };
  if (bytes.length < HEADER_BYTES) fail(`truncated: ${bytes.length} bytes is shorter than the IDX header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) fail('wrong magic number: not an IDX file');
  if (bytes[2] !== UBYTE) fail(`unsupported value type 0x${(bytes[2] ?? 0).toString(16)}: only uint8 (0x08) is read`);
  const rank = bytes[3] ?? 0;
  if (rank < 1 || rank > 3) fail(`unsupported number of dimensions ${rank}: expected 1 to 3`);
  const headerLength = HEADER_BYTES + 4 * rank;
  if (bytes.length < headerLength) fail(`truncated: header needs ${headerLength} bytes, file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < rank; d++) {
    const dim = view.getUint32(HEADER_BYTES + 4 * d, false);
    if (dim === 0 || dim > MAX_DIMENSION) fail(`dimension ${d} is ${dim}: out of range 1..${MAX_DIMENSION}`);
    dims.push(dim);
    size *= dim;
    if (size > MAX_IDX_BYTES) fail(`claims ${size} or more values: larger than the ${MAX_IDX_BYTES}-byte limit`);
  }
  const expected = headerLength + size;
  if (bytes.length !== expected) {
    fail(`wrong length: header says ${dims.join('x')} values, so ${headerLength} + ${size} = ${expected} bytes; file has ${bytes.length}` +
      (bytes.length < expected ? ' (truncated)' : ' (trailing data)'));
  }
  return { dims, data: bytes.subarray(headerLength) };
}

export function asImages(idx: IdxArray, name: string): IdxImages {
  const [count, height, width] = idx.dims;
  if (idx.dims.length !== 3 || count === undefined || height === undefined || width === undefined) {
    throw new IdxError(`${name}: expected images (3 dimensions), got ${idx.dims.length}`);
  }
  if (height > MAX_IMAGE_SIDE || width > MAX_IMAGE_SIDE) {
    throw new IdxError(`${name}: images of ${width}x${height} exceed ${MAX_IMAGE_SIDE} px a side`);
  }
  return { count, width, height, data: idx.data };
}

export function asLabels(idx: IdxArray, name: string, classes: number): Uint8Array {
  if (idx.dims.length !== 1) throw new IdxError(`${name}: expected labels (1 dimension), got ${idx.dims.length}`);
  const bad = idx.data.findIndex((label) => label >= classes);
  if (bad >= 0) throw new IdxError(`${name}: label ${idx.data[bad]} at index ${bad} is not in 0..${classes - 1}`);
  return idx.data;
}

/** Reads an IDX file, gunzipping it first when it starts with the gzip magic bytes. */
export async function readIdxFile(path: string): Promise<IdxArray> {
  const name = basename(path);
  let raw: Uint8Array;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw new IdxError(`${name}: cannot read ${path}: ${(error as Error).message}`);
  }
  return parseIdx(maybeGunzip(raw, name), name);
}

export function maybeGunzip(raw: Uint8Array, name: string): Uint8Array {
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_IDX_BYTES });
  } catch (error) {
    throw new IdxError(`${name}: not a valid gzip file or larger than ${MAX_IDX_BYTES} bytes unpacked: ${(error as Error).message}`);
  }
}
