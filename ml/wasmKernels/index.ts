// Training kernels for tfjs's WASM backend (@tensorflow/tfjs-backend-wasm 4.22) in Node or the
// browser. Independent of any model: it imports only tfjs-core and the WASM backend's types.
//
// Usage: call `registerWasmTrainingKernels()` once, before or after `await tf.setBackend('wasm')`;
// the kernels need no setup step, so either order works, and calling it again changes nothing.
// In Node no `setWasmPaths` is needed: the backend's CommonJS build finds its .wasm files next to
// itself. Bundled builds (browser) must call `setWasmPaths` as the backend's README describes.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2dBackpropFilter.ts';
import { conv2dBackpropInputConfig } from './conv2dBackpropInput.ts';
import { maxPoolGradConfig } from './maxPoolGrad.ts';

export { registerNaiveConv2DBackpropFilter } from './naiveConv2dBackpropFilter.ts';

/** Missing kernels (Conv2DBackpropFilter) and ones whose shipped WASM version is slow. */
const TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  maxPoolGradConfig,
];

/**
 * Registers our WASM kernels, replacing the backend's own where it has one, and returns their
 * names. Idempotent: kernels already registered by an earlier call are left alone.
 */
export function registerWasmTrainingKernels(): string[] {
  for (const config of TRAINING_KERNELS) {
    const current = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    // Unregistering first avoids tfjs's "already registered" warning when we replace a kernel.
    if (current !== undefined) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
  return TRAINING_KERNELS.map((config) => config.kernelName);
}
