import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../../ml/backend/wasmKernels/index.ts';
import { ARCHITECTURES, buildModel } from '../../../ml/models/architectures.ts';

// Every kernel is compared with tfjs's pure-JS CPU backend, the reference implementation, on the
// same random inputs. Tolerances are relative to the largest reference value because the sums run
// over thousands of float32 products accumulated in a different order.

type Pad = 'same' | 'valid';

/** Deterministic uniform values in [-1, 1); `rectify` zeroes the negatives, as after a ReLU. */
function randomValues(count: number, seed: number, rectify = false): Float32Array {
  const values = new Float32Array(count);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const value = state / 2 ** 31 - 1;
    values[i] = rectify ? Math.max(0, value) : value;
  }
  return values;
}

function maxAbs(values: Float32Array): number {
  let max = 0;
  for (const value of values) max = Math.max(max, Math.abs(value));
  return max;
}

function expectClose(actual: Float32Array, expected: Float32Array, relativeTolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? Number.NaN)));
  }
  expect(worst).toBeLessThanOrEqual(relativeTolerance * Math.max(maxAbs(expected), 1e-3));
}

/**
 * Relative L2 distance. For whole training steps a max-abs bound is too strict: float32 rounding
 * can flip a ReLU at ~0 or the winner of a max-pool window with two near-equal values, which moves
 * one gradient contribution to a neighbouring pixel. In the seed model (ReLU, then BN, then pool)
 * such flips in the first layer move its 3x3x1 kernel gradient by up to ~1 % on a batch of 8; all
 * other gradients agree to ~1e-6.
 */
function expectNear(actual: Float32Array, expected: Float32Array, relativeTolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let difference = 0;
  let norm = 0;
  for (let i = 0; i < actual.length; i++) {
    const reference = expected[i] ?? Number.NaN;
    difference += ((actual[i] ?? Number.NaN) - reference) ** 2;
    norm += reference ** 2;
  }
  expect(Math.sqrt(difference)).toBeLessThanOrEqual(relativeTolerance * Math.max(Math.sqrt(norm), 1e-6));
}

/** Runs `compute` on `backend` and returns its output's values; tensors it makes are disposed. */
async function valuesOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const output = tf.tidy(compute);
  const values = await output.data<'float32'>();
  output.dispose();
  return values;
}

function runKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: object): tf.Tensor {
  return tf.engine().runKernel<tf.Tensor>(name, inputs, attrs as tf.NamedAttrMap);
}

interface ConvCase {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  kernel: number;
  strides: number | [number, number];
  pad: Pad;
}

// Batch 1 and many; 1/3/32/64 channels in and out; kernels 3 and 5; strides 1 and 2; both paddings;
// odd sizes so that strided windows leave a remainder.
const CONV_CASES: ConvCase[] = [
  { batch: 1, height: 9, width: 9, inChannels: 1, outChannels: 32, kernel: 3, strides: 1, pad: 'same' },
  { batch: 16, height: 28, width: 28, inChannels: 1, outChannels: 32, kernel: 5, strides: 1, pad: 'same' },
  { batch: 4, height: 10, width: 10, inChannels: 3, outChannels: 64, kernel: 5, strides: 1, pad: 'valid' },
  { batch: 4, height: 11, width: 11, inChannels: 32, outChannels: 64, kernel: 3, strides: 2, pad: 'same' },
  { batch: 1, height: 12, width: 12, inChannels: 64, outChannels: 32, kernel: 5, strides: 2, pad: 'valid' },
  { batch: 8, height: 14, width: 14, inChannels: 32, outChannels: 32, kernel: 3, strides: 1, pad: 'same' },
  { batch: 8, height: 13, width: 13, inChannels: 1, outChannels: 32, kernel: 5, strides: 2, pad: 'same' },
  { batch: 4, height: 7, width: 7, inChannels: 64, outChannels: 64, kernel: 3, strides: 1, pad: 'valid' },
  { batch: 2, height: 9, width: 9, inChannels: 3, outChannels: 1, kernel: 3, strides: 2, pad: 'valid' },
  { batch: 8, height: 28, width: 28, inChannels: 1, outChannels: 64, kernel: 3, strides: 1, pad: 'valid' },
  { batch: 3, height: 10, width: 13, inChannels: 3, outChannels: 32, kernel: 3, strides: [1, 2], pad: 'same' },
];

function convShapes(c: ConvCase): { x: number[]; filter: number[]; dy: number[] } {
  const info = tf.backend_util.computeConv2DInfo(
    [c.batch, c.height, c.width, c.inChannels],
    [c.kernel, c.kernel, c.inChannels, c.outChannels],
    c.strides,
    1,
    c.pad,
  );
  return {
    x: [c.batch, c.height, c.width, c.inChannels],
    filter: [c.kernel, c.kernel, c.inChannels, c.outChannels],
    dy: info.outShape,
  };
}

const describeCase = (c: ConvCase): string =>
  `b${c.batch} ${c.height}x${c.width}x${c.inChannels}->${c.outChannels} k${c.kernel} s${String(c.strides)} ${c.pad}`;

interface PoolCase {
  batch: number;
  size: number;
  channels: number;
  filterSize: number;
  strides: number;
  pad: Pad;
}

const POOL_CASES: PoolCase[] = [
  { batch: 4, size: 28, channels: 32, filterSize: 2, strides: 2, pad: 'valid' },
  { batch: 1, size: 7, channels: 64, filterSize: 2, strides: 2, pad: 'same' },
  { batch: 2, size: 13, channels: 3, filterSize: 2, strides: 2, pad: 'valid' },
  { batch: 3, size: 9, channels: 3, filterSize: 3, strides: 2, pad: 'same' },
  { batch: 2, size: 6, channels: 1, filterSize: 3, strides: 1, pad: 'valid' },
];

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('wasm');
});

describe('registerWasmTrainingKernels', () => {
  test('registers the gradient kernels, idempotently, before or after the backend starts', () => {
    const names = registerWasmTrainingKernels();
    expect(names).toEqual(
      expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Tile', 'Sum', 'Mean', 'BatchMatMul', '_FusedMatMul']),
    );
    expect(registerWasmTrainingKernels()).toEqual(names);
    for (const name of names) expect(tf.getKernel(name, 'wasm')).toBeDefined();
  });
});

describe.each(CONV_CASES)('conv gradients', (c) => {
  const shapes = convShapes(c);
  const x = randomValues(shapes.x.reduce((a, b) => a * b), 1);
  const filter = randomValues(shapes.filter.reduce((a, b) => a * b), 2);
  const dy = randomValues(shapes.dy.reduce((a, b) => a * b), 3);
  const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' };

  test(`Conv2DBackpropFilter ${describeCase(c)}`, async () => {
    const compute = () =>
      runKernel(
        'Conv2DBackpropFilter',
        { x: tf.tensor(x, shapes.x), dy: tf.tensor(dy, shapes.dy) },
        { ...attrs, filterShape: shapes.filter },
      );
    const expected = await valuesOn('cpu', compute);
    expectClose(await valuesOn('wasm', compute), expected, 1e-5);
  });

  test(`Conv2DBackpropInput ${describeCase(c)}`, async () => {
    const compute = () =>
      runKernel(
        'Conv2DBackpropInput',
        { dy: tf.tensor(dy, shapes.dy), filter: tf.tensor(filter, shapes.filter) },
        { ...attrs, inputShape: shapes.x },
      );
    const expected = await valuesOn('cpu', compute);
    expectClose(await valuesOn('wasm', compute), expected, 1e-5);
  });
});

describe.each(POOL_CASES)('MaxPoolGrad', (c) => {
  test(`b${c.batch} ${c.size}x${c.size}x${c.channels} pool ${c.filterSize} s${c.strides} ${c.pad}`, async () => {
    const xShape = [c.batch, c.size, c.size, c.channels];
    // Rectified inputs: many windows are all zeros, so ties must go where the CPU backend sends them.
    const x = randomValues(xShape.reduce((a, b) => a * b), 4, true);
    const compute = () => {
      const input = tf.tensor4d(x, xShape as [number, number, number, number]);
      const output = tf.maxPool(input, c.filterSize, c.strides, c.pad);
      const dy = tf.tensor(randomValues(output.size, 5), output.shape);
      return runKernel(
        'MaxPoolGrad',
        { dy, input, output },
        { filterSize: c.filterSize, strides: c.strides, pad: c.pad },
      );
    };
    const expected = await valuesOn('cpu', compute);
    expectClose(await valuesOn('wasm', compute), expected, 1e-6);
  });
});

const TILE_CASES: { shape: number[]; reps: number[] }[] = [
  { shape: [1, 1, 1, 32], reps: [4, 5, 5, 1] },
  { shape: [3, 2], reps: [2, 3] },
  { shape: [2, 1, 3], reps: [1, 4, 1] },
  { shape: [2, 3], reps: [1, 1] },
  { shape: [5], reps: [3] },
];

describe.each(TILE_CASES)('Tile', ({ shape, reps }) => {
  test(`[${shape.join(',')}] x [${reps.join(',')}]`, async () => {
    const values = randomValues(shape.reduce((a, b) => a * b), 7);
    const compute = () => tf.tile(tf.tensor(values, shape), reps);
    expectClose(await valuesOn('wasm', compute), await valuesOn('cpu', compute), 0);
  });
});

const REDUCE_CASES: { shape: number[]; axis: number[]; keepDims: boolean }[] = [
  { shape: [8, 6, 6, 32], axis: [0, 1, 2], keepDims: false },
  { shape: [8, 6, 6, 32], axis: [0, 1, 2], keepDims: true },
  { shape: [16, 10], axis: [0], keepDims: false },
  { shape: [4, 5, 6], axis: [2], keepDims: false },
  { shape: [4, 5, 6], axis: [0, 2], keepDims: true },
];

describe.each(REDUCE_CASES)('Sum and Mean', ({ shape, axis, keepDims }) => {
  test(`[${shape.join(',')}] over [${axis.join(',')}]${keepDims ? ' keeping dims' : ''}`, async () => {
    const values = randomValues(shape.reduce((a, b) => a * b), 11);
    const sum = () => tf.sum(tf.tensor(values, shape), axis, keepDims);
    const mean = () => tf.mean(tf.tensor(values, shape), axis, keepDims);
    expectClose(await valuesOn('wasm', sum), await valuesOn('cpu', sum), 1e-5);
    expectClose(await valuesOn('wasm', mean), await valuesOn('cpu', mean), 1e-5);
  });
});

describe.each([
  [false, false],
  [true, false],
  [false, true],
  [true, true],
])('MatMul with transposeA=%s transposeB=%s', (transposeA, transposeB) => {
  test('matches the CPU backend, batched and fused', async () => {
    const a = randomValues(2 * 5 * 7, 8);
    const b = randomValues(2 * 7 * 3, 9);
    const bias = randomValues(3, 10);
    const aShape = transposeA ? [2, 7, 5] : [2, 5, 7];
    const bShape = transposeB ? [2, 3, 7] : [2, 7, 3];
    const plain = () => tf.matMul(tf.tensor3d(a, aShape as [number, number, number]), tf.tensor3d(b, bShape as [number, number, number]), transposeA, transposeB);
    expectClose(await valuesOn('wasm', plain), await valuesOn('cpu', plain), 1e-5);
    const fused = () =>
      tf.fused.matMul({
        a: tf.tensor2d(a.subarray(0, 35), aShape.slice(1) as [number, number]),
        b: tf.tensor2d(b.subarray(0, 21), bShape.slice(1) as [number, number]),
        transposeA,
        transposeB,
        bias: tf.tensor1d(bias),
        activation: 'relu',
      });
    expectClose(await valuesOn('wasm', fused), await valuesOn('cpu', fused), 1e-5);
  });
});

describe('refusals', () => {
  test('channels-first data is refused with a clear error', async () => {
    await tf.setBackend('wasm');
    const run = () =>
      tf.tidy(() =>
        runKernel(
          'Conv2DBackpropFilter',
          { x: tf.zeros([1, 1, 8, 8]), dy: tf.zeros([1, 1, 8, 8]) },
          { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 1, 1] },
        ),
      );
    expect(run).toThrow(/only dataFormat 'NHWC'/);
  });

  test('explicit padding wider than the filter is refused instead of computed wrongly', async () => {
    await tf.setBackend('wasm');
    const pad = [[0, 0], [4, 4], [0, 0], [0, 0]];
    const run = () =>
      tf.tidy(() =>
        runKernel(
          'Conv2DBackpropInput',
          { dy: tf.zeros([1, 14, 6, 1]), filter: tf.zeros([3, 3, 1, 1]) },
          { strides: 1, pad, dataFormat: 'NHWC', inputShape: [1, 8, 8, 1] },
        ),
      );
    expect(run).toThrow(/padding wider than the filter/);
  });
});

describe('kernels release their intermediates', () => {
  test('the WASM heap holds no more tensors after a gradient than before', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const before = backend.numDataIds();
    const [x, dy, filter] = [tf.randomNormal([4, 11, 11, 3]), tf.randomNormal([4, 6, 6, 8]), tf.randomNormal([3, 3, 3, 8])];
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC' };
    runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: [3, 3, 3, 8] }).dispose();
    runKernel('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: [4, 11, 11, 3] }).dispose();
    tf.dispose([x, dy, filter]);
    expect(backend.numDataIds()).toBe(before);
  });
});

interface StepResult {
  loss: number;
  gradients: Float32Array[];
}

/** One forward and backward pass in training mode (BN batch statistics, dropout) on `backend`. */
async function trainingStep(
  backend: 'cpu' | 'wasm',
  arch: (typeof ARCHITECTURES)[number],
  weights: Float32Array[],
  images: Float32Array,
  labels: Int32Array,
): Promise<StepResult> {
  await tf.setBackend(backend);
  const model = buildModel(arch, 1);
  try {
    const initial = model.getWeights().map((w, i) => tf.tensor(weights[i] ?? new Float32Array(), w.shape));
    model.setWeights(initial);
    tf.dispose(initial);
    const variables = model.trainableWeights.map((w) => {
      const variable = w.read();
      if (!(variable instanceof tf.Variable)) throw new Error(`${w.name} is not a variable`);
      return variable;
    });
    const xs = tf.tensor4d(images, [labels.length, 28, 28, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
    // Unseeded dropout draws its seed from Math.random; the same draws on both backends give both
    // the same masks.
    const draws = randomValues(64, 12, true);
    let draw = 0;
    const random = vi.spyOn(Math, 'random').mockImplementation(() => draws[draw++ % draws.length] ?? 0.5);
    const { value, grads } = tf.variableGrads(() => {
      const predictions = model.apply(xs, { training: true }) as tf.Tensor;
      return tf.metrics.categoricalCrossentropy(ys, predictions).mean<tf.Scalar>();
    }, variables);
    random.mockRestore();
    const loss = (await value.data())[0] ?? Number.NaN;
    const gradients = await Promise.all(
      variables.map(async (v) => {
        const gradient = grads[v.name];
        if (gradient === undefined) throw new Error(`no gradient for ${v.name}`);
        return (await gradient.data()) as Float32Array;
      }),
    );
    tf.dispose([xs, ys, value, ...Object.values(grads)]);
    return { loss, gradients };
  } finally {
    model.dispose();
  }
}

// 'wide' is 'default' with other widths and one conv a block: the same kernels, and the slowest on
// the CPU backend that is the reference here, so the two shipped architectures stand for it.
const SHIPPED_ARCHITECTURES = ARCHITECTURES.filter((arch) => arch !== 'wide');

describe.each(SHIPPED_ARCHITECTURES)('a full training step of the %s architecture', (arch) => {
  test('has the same loss and weight gradients on WASM as on CPU', { timeout: 300_000 }, async () => {
    const batch = 8;
    await tf.setBackend('cpu');
    const reference = buildModel(arch, 1);
    const weights = reference.getWeights().map((w) => w.dataSync() as Float32Array);
    reference.dispose();
    const images = randomValues(batch * 28 * 28, 6, true);
    const labels = Int32Array.from({ length: batch }, (_, i) => i % 10);

    const expected = await trainingStep('cpu', arch, weights, images, labels);
    const actual = await trainingStep('wasm', arch, weights, images, labels);
    // A second step shows the first did not leak (tfjs-layers caches a few constants on first use).
    const tensorsBefore = tf.memory().numTensors;
    await trainingStep('wasm', arch, weights, images, labels);
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    expect(actual.loss).toBeCloseTo(expected.loss, 4);
    expect(actual.gradients.length).toBe(expected.gradients.length);
    actual.gradients.forEach((gradient, i) => { expectNear(gradient, expected.gradients[i] ?? new Float32Array(), 2e-2); });
  });
});
