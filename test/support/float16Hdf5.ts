/**
 * HDF5 files with half-precision datasets, which h5wasm cannot write: the test writes each weight
 * as a float32 dataset whose leading bytes are the halves (packHalves), in a file with version 1
 * object headers (libver earliest to v108, so no header checksums), and asFloat16 then rewrites every
 * float32 datatype message into the float16 one (both 20 bytes) and halves every contiguous
 * storage size. The float16 message follows HDF5's format spec: class 1, little-endian, implied
 * mantissa bit, sign at bit 15, exponent 10..14 biased by 15, mantissa 0..9.
 */

export const FLOAT16_LIBVER = ['earliest', 'v108'] as const;

const FLOAT32_TYPE = [0x11, 0x20, 0x1f, 0x00, 4, 0, 0, 0, 0, 0, 32, 0, 23, 8, 0, 23, 127, 0, 0, 0];
const FLOAT16_TYPE = [0x11, 0x20, 0x0f, 0x00, 2, 0, 0, 0, 0, 0, 16, 0, 10, 5, 0, 10, 15, 0, 0, 0];
/** a v1 header message of type 8 (layout), 24 bytes, then layout version 3, class 1 (contiguous) */
const CONTIGUOUS_LAYOUT = [0x08, 0x00, 0x18, 0x00];

/** The half bit pattern of `x`; throws unless `x` is exactly a normal half or zero. */
export function halfBits(x: number): number {
  if (x === 0) return Object.is(x, -0) ? 0x8000 : 0;
  const exponent = Math.floor(Math.log2(Math.abs(x)));
  const fraction = (Math.abs(x) / 2 ** exponent - 1) * 1024;
  if (exponent < -14 || exponent > 15 || !Number.isInteger(fraction)) throw new Error(`${x} is not exactly a normal float16`);
  return (x < 0 ? 0x8000 : 0) | ((exponent + 15) << 10) | fraction;
}

/** float32 values whose bytes begin with the halves of `values`, to be written as a float32 dataset of the same shape. */
export function packHalves(values: ArrayLike<number>): Float32Array {
  const packed = new Float32Array(values.length);
  new Uint16Array(packed.buffer).set(Array.from(values, halfBits));
  return packed;
}

function matchesAt(bytes: Uint8Array, at: number, pattern: readonly number[]): boolean {
  return pattern.every((b, i) => bytes[at + i] === b);
}

/** The file with its float32 datasets turned into the float16 datasets packHalves prepared. */
export function asFloat16(h5: Uint8Array): Uint8Array {
  const out = h5.slice();
  const view = new DataView(out.buffer);
  let types = 0;
  for (let at = 0; at < out.length; at++) {
    if (matchesAt(out, at, FLOAT32_TYPE)) {
      out.set(FLOAT16_TYPE, at);
      types++;
    } else if (matchesAt(out, at, CONTIGUOUS_LAYOUT) && out[at + 8] === 3 && out[at + 9] === 1) {
      const size = at + 8 + 2 + 8;
      view.setBigUint64(size, view.getBigUint64(size, true) / 2n, true);
    }
  }
  if (types === 0) throw new Error('no float32 datatype message to turn into float16: was the file written with FLOAT16_LIBVER?');
  return out;
}
