// The small surface of the WASM backend that our kernels rely on. Kernels are composed from the
// backend's own registered kernels (looked up by name at call time, so they work whether they were
// registered before or after `tf.setBackend('wasm')`) and from plain loops over its heap.
import { getKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const WASM_BACKEND_NAME = 'wasm';

/** The WASM kernel registered as `kernelName`, if any: tfjs types getKernel as always finding one, yet it returns undefined. */
export function findWasmKernel(kernelName: string): KernelConfig | undefined {
  return getKernel(kernelName, WASM_BACKEND_NAME);
}

/** Narrows the `backend` a kernel receives; throws if a kernel is run on the wrong backend. */
export function asWasmBackend(backend: unknown): BackendWasm {
  if (
    typeof backend === 'object' &&
    backend !== null &&
    'wasm' in backend &&
    'dataIdMap' in backend &&
    'makeOutput' in backend
  ) {
    return backend as BackendWasm;
  }
  throw new Error('wasmKernels: kernel called with a backend that is not the tfjs WASM backend');
}

/**
 * Runs another WASM kernel directly (not through the engine), so its output is an intermediate
 * the caller must release with `releaseIntermediate`, unless it is the kernel's own result.
 */
export function runBackendKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
): TensorInfo {
  const config = findWasmKernel(kernelName);
  if (config === undefined) {
    throw new Error(`wasmKernels: the WASM backend has no '${kernelName}' kernel`);
  }
  const result = config.kernelFunc({ inputs, attrs, backend });
  if (Array.isArray(result)) {
    throw new Error(`wasmKernels: expected one output from '${kernelName}'`);
  }
  return result;
}

/** Drops our reference to an intermediate; the backend frees it when no one else holds it. */
export function releaseIntermediate(backend: BackendWasm, info: TensorInfo): void {
  backend.disposeData(info.dataId);
}

/**
 * A Float32Array over a tensor's bytes on the WASM heap. Any later allocation may grow the heap and
 * detach this view, so take views only after the last `makeOutput` of a kernel.
 */
export function heapFloat32(backend: BackendWasm, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') {
    throw new Error(`wasmKernels: expected a float32 tensor, got ${info.dtype}`);
  }
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** A tensor with the same bytes seen under another shape; never released on its own. */
export function viewWithShape(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}
