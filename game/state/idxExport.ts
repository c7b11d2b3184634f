/**
 * Writes the IDX format ml/data/idx.ts reads (MNIST's): 2 zero bytes, type 0x08 (uint8), the rank,
 * big-endian uint32 dimensions, then the values.
 */

function idx(dims: readonly number[], values: Uint8Array): Uint8Array {
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + values.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = 0x08;
  bytes[3] = dims.length;
  dims.forEach((dim, d) => { view.setUint32(4 + 4 * d, dim, false); });
  bytes.set(values, header);
  return bytes;
}

/** `pixels`: count x height x width ink values 0..1, stored as round(ink * 255) like MNIST's bytes. */
export function encodeIdxImages(pixels: Float32Array, count: number, width: number, height: number): Uint8Array {
  if (pixels.length !== count * width * height) throw new RangeError(`${count} images of ${width}x${height} need ${count * width * height} values, got ${pixels.length}`);
  return idx([count, height, width], Uint8Array.from(pixels, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)));
}

/** Labels 0..255, one byte each. */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  return idx([labels.length], labels);
}
