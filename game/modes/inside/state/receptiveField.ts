/**
 * Where a feature map's pixel looks: its receptive field in the model's 28x28 input, and that field
 * carried back onto the player's grid through the one normalisation (common/preprocess.ts).
 *
 * Each spatial layer between the input and the map is one step: output pixel i reads input pixels
 * i * stride - padBefore .. i * stride - padBefore + (kernel - 1) * dilation. Walking the steps
 * from the map back to the input widens a range of pixels into the range they read. Layers that
 * keep every pixel where it is (batch normalisation, activations) are no step at all; a layer that
 * mixes every position (Flatten, Dense) sees the whole input.
 */

export interface FieldStep {
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilation: readonly [number, number];
  /** pixels of zero padding before the first row and column ('same' pads, 'valid' does not) */
  readonly padBefore: readonly [number, number];
}

/** Inclusive pixel bounds. */
export interface PixelBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** tf's 'same' padding: the total split with the smaller half first; 'valid' pads nothing. */
export function padBeforeOf(padding: string, inSize: number, outSize: number, kernel: number, stride: number, dilation: number): number {
  if (padding !== 'same') return 0;
  const total = Math.max(0, (outSize - 1) * stride + (kernel - 1) * dilation + 1 - inSize);
  return Math.floor(total / 2);
}

/**
 * The input pixels output pixel (row, col) of the last step reads, through every step in order
 * from the input, clamped to the `inputSize` x `inputSize` image (padding reads zeros, not pixels).
 */
export function receptiveField(steps: readonly FieldStep[], row: number, col: number, inputSize: number): PixelBox {
  let top = row;
  let bottom = row;
  let left = col;
  let right = col;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (step === undefined) continue;
    const [kh, kw] = step.kernel;
    const [sh, sw] = step.strides;
    const [dh, dw] = step.dilation;
    const [ph, pw] = step.padBefore;
    top = top * sh - ph;
    bottom = bottom * sh - ph + (kh - 1) * dh;
    left = left * sw - pw;
    right = right * sw - pw + (kw - 1) * dw;
  }
  const clampTo = (v: number) => Math.max(0, Math.min(inputSize - 1, v));
  return { top: clampTo(top), left: clampTo(left), bottom: clampTo(bottom), right: clampTo(right) };
}

/** A rectangle in grid cells (fractional: the normalisation scales the drawing). */
export interface CellBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * `box` (model input pixels) on the player's grid. centreLikeMnist draws grid cell x onto input
 * [scale * x + offsetX, scale * (x + 1) + offsetX), so input pixel edge u is cell edge
 * (u - offsetX) / scale; the result is clipped to the grid.
 */
export function fieldOnGrid(box: PixelBox, frame: { readonly scale: number; readonly offsetX: number; readonly offsetY: number }, gridWidth: number, gridHeight: number): CellBox {
  const x0 = Math.max(0, (box.left - frame.offsetX) / frame.scale);
  const x1 = Math.min(gridWidth, (box.right + 1 - frame.offsetX) / frame.scale);
  const y0 = Math.max(0, (box.top - frame.offsetY) / frame.scale);
  const y1 = Math.min(gridHeight, (box.bottom + 1 - frame.offsetY) / frame.scale);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}
