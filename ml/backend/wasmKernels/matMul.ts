// BatchMatMul and _FusedMatMul with transposed operands. The backend's XNNPACK path only covers
// untransposed operands; with transposeA or transposeB it falls back to a plain loop about ten times
// slower. Every dense layer's gradient asks for exactly those (dA = dy·Bᵀ, dB = Aᵀ·dy), so we
// transpose the operand explicitly (a cheap copy) and hand the untransposed product back.
import { BatchMatMul, Transpose, _FusedMatMul } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { requireOriginal, type TrainingKernel } from './trainingKernel.ts';
import { asWasmBackend, releaseIntermediate, runBackendKernel } from './wasmBackend.ts';

function untransposing(kernelName: string): TrainingKernel {
  return {
    kernelName,
    create(original: KernelConfig | undefined): KernelFunc {
      const product = requireOriginal(kernelName, original);
      return (args) => {
        const { inputs, backend: anyBackend, attrs } = args;
        const { transposeA, transposeB } = (attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
        if (!transposeA && !transposeB) return product(args);
        const backend = asWasmBackend(anyBackend);
        const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
        const swapLastTwo = (x: TensorInfo): TensorInfo => {
          const perm = x.shape.map((_, axis) => axis);
          const last = perm.length - 1;
          [perm[last - 1], perm[last]] = [last, last - 1];
          return runBackendKernel(backend, Transpose, { x }, { perm });
        };
        const plainA = transposeA ? swapLastTwo(a) : a;
        const plainB = transposeB ? swapLastTwo(b) : b;
        try {
          return product({
            inputs: { ...inputs, a: plainA, b: plainB },
            backend: anyBackend,
            attrs: { ...attrs, transposeA: false, transposeB: false },
          });
        } finally {
          if (plainA !== a) releaseIntermediate(backend, plainA);
          if (plainB !== b) releaseIntermediate(backend, plainB);
        }
      };
    },
  };
}

export const batchMatMulKernel = untransposing(BatchMatMul);
export const fusedMatMulKernel = untransposing(_FusedMatMul);
