import { IMAGE_SIZE, NUM_CLASSES } from '../digit.ts';

/**
 * The IDX pair `npm run evaluate` and `npm run finetune` read (ml/data/idx.ts): uint8 images
 * (magic 0x00000803, dimensions n, height, width, big-endian) and uint8 labels (0x00000801, n).
 * Float images are ink 0..1 (common/digit.ts), written as round(ink * 255); byte images as they are.
 */
export interface IdxSource {
  /** n x height x width, row-major */
  readonly images: Uint8Array | Float32Array;
  /** n digits 0..9 */
  readonly labels: Uint8Array;
  /** default 28 */
  readonly width?: number;
  /** default 28 */
  readonly height?: number;
}

export interface IdxFiles {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export function encodeIdx(source: IdxSource): IdxFiles {
  const { images, labels, width = IMAGE_SIZE, height = IMAGE_SIZE } = source;
  const n = labels.length;
  if (images.length !== n * width * height) throw new RangeError(`${n} labels need ${n * width * height} pixels of ${width}x${height}, got ${images.length}`);
  const bad = labels.findIndex((label) => label >= NUM_CLASSES);
  if (bad >= 0) throw new RangeError(`label ${labels[bad]} at index ${bad} is not a digit 0..9`);
  const imageFile = header(0x03, [n, height, width], images.length);
  const pixels = imageFile.subarray(imageFile.length - images.length);
  if (images instanceof Uint8Array) pixels.set(images);
  else for (let i = 0; i < images.length; i++) pixels[i] = Math.round(Math.min(1, Math.max(0, images[i] ?? 0)) * 255);
  const labelFile = header(0x01, [n], n);
  labelFile.set(labels, labelFile.length - n);
  return { images: imageFile, labels: labelFile };
}

/** A zeroed file with the IDX uint8 header for `dims`, room for `values` bytes after it. */
function header(rank: number, dims: readonly number[], values: number): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * rank + values);
  const view = new DataView(bytes.buffer);
  view.setUint8(2, 0x08);
  view.setUint8(3, rank);
  dims.forEach((dim, d) => {
    view.setUint32(4 + 4 * d, dim, false);
  });
  return bytes;
}
