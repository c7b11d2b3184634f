import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../backend/wasmKernels/index.ts';

/**
 * The Train mode worker's tfjs: WASM with our training kernels (the stock WASM backend has no
 * filter gradient, ml/backend/wasmKernels/), which trains the live net about a hundred times faster
 * than the pure-JS CPU backend; CPU only where WASM cannot start. Not WebGL: with no GPU it runs in
 * software, and on a phone's GPU the page's own renderer needs it. `wasmBase` is where the site
 * serves the .wasm files (never a CDN).
 */
export async function startTrainBackend(wasmBase: string): Promise<string> {
  setWasmPaths(wasmBase);
  try {
    if (await tf.setBackend('wasm')) {
      registerWasmTrainingKernels();
      await tf.ready();
      return 'wasm';
    }
  } catch {
    // no WebAssembly here: the CPU backend below
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('no tfjs backend could be started');
  await tf.ready();
  return 'cpu';
}
