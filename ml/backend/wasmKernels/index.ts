// Training kernels for tfjs's WASM backend (@tensorflow/tfjs-backend-wasm 4.22) in Node or the
// browser. Independent of any model: it imports only tfjs-core and the WASM backend's types.
//
// Usage: call `registerWasmTrainingKernels()` once, before or after `await tf.setBackend('wasm')`;
// calling it again changes nothing. Kernels that replace one of the backend's own keep that
// kernel's setup step, so the backend initialises the same way in either order.
// In Node no `setWasmPaths` is needed: the backend's CommonJS build reads its .wasm files from its
// own directory. Bundled builds (browser) must call `setWasmPaths` as the backend's README says.
import { registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterKernel } from './conv2dBackpropFilter.ts';
import { conv2dBackpropInputKernel } from './conv2dBackpropInput.ts';
import { batchMatMulKernel, fusedMatMulKernel } from './matMul.ts';
import { maxPoolGradKernel } from './maxPoolGrad.ts';
import { meanKernel, sumKernel } from './reduceLeadingAxes.ts';
import { tileKernel } from './tile.ts';
import type { TrainingKernel } from './trainingKernel.ts';
import { WASM_BACKEND_NAME, findWasmKernel } from './wasmBackend.ts';

export { registerNaiveConv2DBackpropFilter } from './naiveConv2dBackpropFilter.ts';

/** Missing kernels (Conv2DBackpropFilter) and ones whose shipped WASM version is slow in training. */
const TRAINING_KERNELS: readonly TrainingKernel[] = [
  conv2dBackpropFilterKernel,
  conv2dBackpropInputKernel,
  maxPoolGradKernel,
  tileKernel,
  sumKernel,
  meanKernel,
  batchMatMulKernel,
  fusedMatMulKernel,
];

/** Marks configs we registered, so a second call does not wrap our own kernel as the "original". */
const OURS = Symbol.for('wasmKernels.trainingKernel');
type MarkedKernelConfig = KernelConfig & { [OURS]?: { replaced: KernelConfig | undefined } };

/**
 * Registers our WASM kernels, replacing the backend's own where it has one, and returns their
 * names. Idempotent.
 */
export function registerWasmTrainingKernels(): string[] {
  for (const kernel of TRAINING_KERNELS) {
    const current: MarkedKernelConfig | undefined = findWasmKernel(kernel.kernelName);
    if (current?.[OURS]) continue;
    // Unregistering first avoids tfjs's "already registered" warning when we replace a kernel.
    if (current !== undefined) unregisterKernel(kernel.kernelName, WASM_BACKEND_NAME);
    const config: MarkedKernelConfig = {
      kernelName: kernel.kernelName,
      backendName: WASM_BACKEND_NAME,
      kernelFunc: kernel.create(current),
      [OURS]: { replaced: current },
    };
    if (current?.setupFunc !== undefined) config.setupFunc = current.setupFunc;
    registerKernel(config);
  }
  return TRAINING_KERNELS.map((kernel) => kernel.kernelName);
}

/** Puts back the kernels `registerWasmTrainingKernels` replaced, e.g. to measure plain tfjs. */
export function unregisterWasmTrainingKernels(): void {
  for (const kernel of TRAINING_KERNELS) {
    const current: MarkedKernelConfig | undefined = findWasmKernel(kernel.kernelName);
    const ours = current?.[OURS];
    if (ours === undefined) continue;
    unregisterKernel(kernel.kernelName, WASM_BACKEND_NAME);
    if (ours.replaced !== undefined) registerKernel(ours.replaced);
  }
}
