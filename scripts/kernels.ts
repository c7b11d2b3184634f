import { readFile } from 'node:fs/promises';
import wabt from 'wabt';

/** The game's WASM kernels: source in the game, compiled here when the site is built (never committed). */
export const KERNEL_SOURCE = 'game/shell/platform/kernels/conv.wat';

/** conv.wat as WASM bytes (wabt's wat2wasm, with SIMD). Throws with wabt's message on a syntax error. */
export async function kernelWasm(): Promise<Uint8Array<ArrayBuffer>> {
  const toolkit = await wabt();
  const source = await readFile(new URL(`../${KERNEL_SOURCE}`, import.meta.url), 'utf8');
  const module = toolkit.parseWat(KERNEL_SOURCE, source, { simd: true });
  try {
    module.validate();
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
