import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

/**
 * One of our WASM kernels. `create` receives the kernel it replaces (undefined if the backend has
 * none), so a kernel can hand cases it does not speed up back to the backend's own code.
 */
export interface TrainingKernel {
  readonly kernelName: string;
  create(original: KernelConfig | undefined): KernelFunc;
}

/** For kernels that cover every case themselves. */
export function standalone(kernelName: string, kernelFunc: KernelFunc): TrainingKernel {
  return { kernelName, create: () => kernelFunc };
}

/** The replaced kernel, or a clear error if the backend never had one. */
export function requireOriginal(kernelName: string, original: KernelConfig | undefined): KernelFunc {
  if (original === undefined) {
    throw new Error(`wasmKernels: the WASM backend has no '${kernelName}' kernel to fall back to`);
  }
  return original.kernelFunc;
}
