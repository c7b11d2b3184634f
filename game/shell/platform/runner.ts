import type { KernelNetwork } from './kernels/kernelNetwork.ts';

/**
 * What a Classifier runs: the game's WASM kernel (kernels/kernelNetwork.ts) or, once tfjs has
 * loaded, a tfjs-core network or a tfjs layers model (tfjsRunners.ts). Plain arrays in and out, so
 * the Classifier needs no tfjs.
 */
export interface Runner {
  /** what reads: "wasm-simd" for the game's kernel, else the tfjs backend */
  readonly engine: string;
  readonly inputShape: readonly (number | null)[] | undefined;
  readonly outputShape: readonly (number | null)[] | undefined;
  /** one input and one output (a layers model may have more) */
  readonly single: boolean;
  weights(): Promise<{ readonly name: string; readonly values: Float32Array }[]>;
  /** `images` inputs back to back -> their outputs back to back */
  predict(input: Float32Array, images: number, shape: readonly [number, number, number]): Promise<Float32Array>;
  dispose(): void;
}

export const KERNEL_ENGINE = 'wasm-simd';

export function kernelRunner(network: KernelNetwork): Runner {
  return {
    engine: KERNEL_ENGINE,
    inputShape: network.inputShape,
    outputShape: network.outputShape,
    single: true,
    weights: () => Promise.resolve([...network.weights]),
    predict: (input, images) => Promise.resolve(network.predict(input, images)),
    dispose: () => undefined,
  };
}
