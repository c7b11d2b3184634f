import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerBatchNormGradient } from './batchNormGradient.ts';
import { registerWasmTrainingKernels } from './wasmKernels/index.ts';
import type { Flag } from '../process/flags.ts';

/**
 * Picks the fastest tfjs backend this machine can run: tfjs-node (native TensorFlow) when its
 * optional install succeeded, else WASM with our training kernels, else the pure-JS CPU backend.
 */

export const BACKENDS = ['node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** --backend, as every ml/ entry and the benches take it (ml/process/flags.ts). */
export const BACKEND_FLAG = { type: 'choice', choices: BACKENDS, help: 'force a backend (default: the fastest that loads)' } as const satisfies Flag;

export interface BackendInfo {
  readonly name: BackendName;
  /** e.g. "wasm (simd, 1 thread, 3 training kernels)" */
  readonly description: string;
}

/** `preferred` forces one backend and fails loudly when it cannot start; without it the best one wins. */
export async function initBackend(preferred?: BackendName, warn: (line: string) => void = console.warn): Promise<BackendInfo> {
  const order: readonly BackendName[] = preferred ? [preferred] : BACKENDS;
  const failures: string[] = [];
  registerBatchNormGradient();
  for (const name of order) {
    try {
      const info = await start(name);
      if (name === 'cpu' && !preferred) warn(`warning: training on the slow pure-JS CPU backend (${failures.join('; ')})`);
      return info;
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`no usable tfjs backend: ${failures.join('; ')}`);
}

async function start(name: BackendName): Promise<BackendInfo> {
  switch (name) {
    case 'node': {
      // A variable specifier keeps bundlers and the type checker from requiring the optional package.
      const specifier = '@tensorflow/tfjs-node';
      await import(specifier);
      await activate('tensorflow');
      return { name, description: 'node (native TensorFlow via tfjs-node)' };
    }
    case 'wasm': {
      // No setWasmPaths: in Node the backend's CommonJS build reads its .wasm files beside itself.
      await activate('wasm');
      const kernels = registerWasmTrainingKernels();
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = getThreadsCount();
      return {
        name,
        description: `wasm (${simd ? 'simd' : 'no simd'}, ${threads} thread${threads === 1 ? '' : 's'}, ${kernels.length} training kernels)`,
      };
    }
    case 'cpu':
      await activate('cpu');
      return { name, description: 'cpu (pure JavaScript)' };
  }
}

async function activate(backend: string): Promise<void> {
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
}
