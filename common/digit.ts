/**
 * The pixel convention shared by the game, training and evaluation.
 *
 * A digit image is a Float32Array of IMAGE_SIZE * IMAGE_SIZE values, row-major (index = gy * 28 + gx),
 * each in 0..1 where 0 is paper and 1 is full ink: MNIST's white-on-black bytes divided by 255.
 */
export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const NUM_CLASSES = 10;

/** MNIST fitted each digit's longer side into 20 px and left a 4 px margin all round. */
export const DIGIT_BOX = 20;

/**
 * Bumped whenever preprocessing changes the pixels it produces, so a model's metadata says which
 * normalisation it was trained and evaluated with.
 */
export const PREPROCESS_VERSION = 1;

/** An ink image of any size in the convention above (values 0..1, ink = 1, row-major). */
export interface InkImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

export function inkImage(width: number, height: number, pixels?: Float32Array): InkImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  const data = pixels ?? new Float32Array(width * height);
  if (data.length !== width * height) {
    throw new RangeError(`image of ${width}x${height} needs ${width * height} pixels, got ${data.length}`);
  }
  return { width, height, pixels: data };
}

/** MNIST bytes (0..255, ink = 255) to ink values in the convention above, into `out` when given. */
export function inkFromBytes(bytes: Uint8Array, out = new Float32Array(bytes.length)): Float32Array {
  if (out.length !== bytes.length) throw new RangeError(`${bytes.length} bytes need ${bytes.length} values, got ${out.length}`);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] ?? 0) / 255;
  return out;
}
