// Sum and Mean over the leading axes of a float32 tensor, e.g. [B, H, W, C] -> [C]: the reductions
// of every batch-norm and bias gradient. The backend's own kernels first transpose the reduced axes
// to the end (a full-size temporary); here one pass adds rows into a float64 accumulator. In a
// training step of the default model this halved the time spent in Sum and Mean. Other axes and
// dtypes go to the backend's kernels.
import { Mean, Sum, backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { TrainingKernel } from './trainingKernel.ts';
import { requireOriginal } from './trainingKernel.ts';
import { asWasmBackend, heapFloat32 } from './wasmBackend.ts';

function reduceLeadingAxes(kernelName: string, divideByCount: boolean): TrainingKernel {
  return {
    kernelName,
    create(original: KernelConfig | undefined): KernelFunc {
      const fallback = requireOriginal(kernelName, original);
      return (args) => {
        const backend = asWasmBackend(args.backend);
        const { x } = args.inputs as { x: TensorInfo };
        // Sum and Mean share their attributes.
        const { axis, keepDims } = args.attrs as unknown as SumAttrs;
        const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
        const leading = axes.length > 0 && axes.every((a, i) => a === i);
        if (x.dtype !== 'float32' || !leading) return fallback(args);

        const outer = util.sizeFromShape(x.shape.slice(0, axes.length));
        const inner = util.sizeFromShape(x.shape.slice(axes.length));
        const outShape = keepDims
          ? backend_util.expandShapeToKeepDim(x.shape.slice(axes.length), axes)
          : x.shape.slice(axes.length);
        const out = backend.makeOutput(outShape, 'float32');
        const xs = heapFloat32(backend, x);
        const sums = new Float64Array(inner);
        for (let row = 0; row < outer; row++) {
          const base = row * inner;
          for (let j = 0; j < inner; j++) sums[j] = (sums[j] ?? 0) + (xs[base + j] ?? 0);
        }
        const scale = divideByCount && outer > 0 ? 1 / outer : 1;
        const result = heapFloat32(backend, out);
        for (let j = 0; j < inner; j++) result[j] = (sums[j] ?? 0) * scale;
        return out;
      };
    },
  };
}

export const sumKernel = reduceLeadingAxes(Sum, false);
export const meanKernel = reduceLeadingAxes(Mean, true);
