import { fail } from './errors.ts';

/**
 * Tells a Keras file's format from its first bytes, never its extension: people name HDF5 files
 * `.keras` and zips `.h5`. HDF5 allows a user block before its signature, at 0, 512, 1024, 2048 ...
 */

export type KerasContainer = 'zip' | 'hdf5';

const ZIP_SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]] as const;
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as const;

function startsWith(bytes: Uint8Array, at: number, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[at + i] === b);
}

export function sniffContainer(bytes: Uint8Array, file: string): KerasContainer {
  if (ZIP_SIGNATURES.some((s) => startsWith(bytes, 0, s))) return 'zip';
  for (let at = 0; at + HDF5_SIGNATURE.length <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (startsWith(bytes, at, HDF5_SIGNATURE)) return 'hdf5';
  }
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return fail(`${file} is neither a Keras 3 .keras zip nor an HDF5 .h5 file (it starts with bytes ${head || '(none: the file is empty)'})`);
}
