import * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test, vi } from 'vitest';
import { importKeras } from '../../../ml/keras/importModel.ts';
import { NO_CONVERSION } from '../../../ml/keras/inputConversion.ts';
import { readZip } from '../../../ml/keras/zipLimits.ts';
import { writeHdf5 } from '../../../ml/keras/hdf5.ts';
import { FIXTURE_LAYOUTS, writeKerasFixture, type FixtureLayer, type FixtureLayout, type FixtureModel } from '../../support/kerasFixtures.ts';

// Every bad input the importer must refuse, with a message naming the layer or member and what is
// wrong. importKeras writes nothing by construction (it returns a model); test/ml/cli/importKeras.test.ts
// shows through the real command that the models folder is left untouched.

const flatten: FixtureLayer = { className: 'Flatten', name: 'flatten', config: {}, weights: [] };
const dense = (over: Partial<FixtureLayer> = {}, config: Record<string, unknown> = {}): FixtureLayer => ({
  className: 'Dense',
  name: 'dense',
  config: { units: 10, activation: 'softmax', use_bias: true, ...config },
  weights: [
    { name: 'kernel', shape: [784, 10], values: new Float32Array(7840) },
    { name: 'bias', shape: [10], values: new Float32Array(10) },
  ],
  ...over,
});
const digitModel = (layers: readonly FixtureLayer[], inputShape: readonly number[] = [28, 28, 1]): FixtureModel => ({ inputShape, layers });

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    const { model } = await importKeras(bytes, 'bad.keras', NO_CONVERSION);
    model.dispose();
  } catch (error) {
    expect((error as Error).name).toBe('KerasFormatError');
    return (error as Error).message;
  }
  throw new Error('the import was not refused');
}

/** A fixture zip with its config.json replaced. */
function withConfig(config: unknown): Promise<Uint8Array> {
  return withConfigText(JSON.stringify(config));
}

async function withConfigText(json: string): Promise<Uint8Array> {
  const members = unzipSync(await writeKerasFixture('keras3', digitModel([flatten, dense()])));
  return zipSync({ ...members, 'config.json': strToU8(json) });
}

const LAYOUTS: readonly FixtureLayout[] = ['keras3', 'keras2-h5'];

describe('bad Keras files are refused naming what is wrong', () => {
  test('neither a zip nor HDF5', async () => {
    expect(await refusal(strToU8('{"not": "a model"}'))).toMatch(/bad\.keras is neither a Keras 3 \.keras zip nor an HDF5 \.h5 file \(it starts with bytes 7b 22/);
    expect(await refusal(new Uint8Array(0))).toMatch(/the file is empty/);
  });

  test('a zip with too many members', async () => {
    const members = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`m${i}`, strToU8('x')]));
    expect(await refusal(zipSync(members))).toMatch(/more than 64 members/);
  });

  test('a zip member larger than the limit, refused on its declared size', async () => {
    const bytes = await writeKerasFixture('keras3', digitModel([flatten, dense()]));
    expect(() => readZip(bytes, 'big.keras', { members: 64, memberBytes: 4096, totalBytes: 1 << 30 })).toThrow(/big\.keras: zip member model\.weights\.h5 is \d+ bytes, over the limit of 4096/);
  });

  test('a zip without config.json', async () => {
    expect(await refusal(zipSync({ 'metadata.json': strToU8('{}') }))).toMatch(/bad\.keras: the zip has no config\.json member \(it holds metadata\.json\)/);
  });

  test('an HDF5 file of weights only', async () => {
    const bytes = await writeHdf5((file) => file.create_group('layers'));
    expect(await refusal(bytes)).toMatch(/without a model_config attribute: it holds weights only/);
  });

  test.each(LAYOUTS)('an unknown layer (%s)', async (layout) => {
    const lstm: FixtureLayer = { className: 'LSTM', name: 'lstm', config: { units: 8 }, weights: [] };
    expect(await refusal(await writeKerasFixture(layout, digitModel([lstm, flatten, dense()])))).toMatch(/layer 'lstm' is a LSTM, which cannot be imported; supported layers: InputLayer, Conv2D/);
  });

  test.each(LAYOUTS)('an unknown activation (%s)', async (layout) => {
    expect(await refusal(await writeKerasFixture(layout, digitModel([flatten, dense({}, { activation: 'swish' })])))).toMatch(/layer 'dense' \(Dense\): activation "swish" is not supported \(relu, softmax, sigmoid, tanh, linear\)/);
  });

  test.each(LAYOUTS)('an unknown layer dtype (%s)', async (layout) => {
    expect(await refusal(await writeKerasFixture(layout, digitModel([flatten, dense({ dtype: 'mixed_float16' })])))).toMatch(/layer 'dense' \(Dense\): dtype "mixed_float16" is not supported; only float32/);
  });

  test.each(LAYOUTS)('an unknown weight dtype (%s)', async (layout) => {
    const ints = dense({ weights: [{ name: 'kernel', shape: [784, 10], values: new Int32Array(7840) }, { name: 'bias', shape: [10], values: new Float32Array(10) }] });
    expect(await refusal(await writeKerasFixture(layout, digitModel([flatten, ints])))).toMatch(/layer 'dense': weight \S+ has dtype .*only float16, float32 and float64 weights are supported/);
  });

  test('a nested model', async () => {
    const inner = { class_name: 'Sequential', config: { name: 'inner', layers: [] } };
    const config = { class_name: 'Sequential', config: { name: 'outer', layers: [{ class_name: 'InputLayer', config: { batch_shape: [null, 28, 28, 1], name: 'input' } }, inner] } };
    expect(await refusal(await withConfig(config))).toMatch(/layer 'inner' is a nested Sequential model/);
  });

  test('a branching model', async () => {
    const node = (from: string) => [[[from, 0, 0, {}]]];
    const config = {
      class_name: 'Functional',
      config: {
        name: 'branches',
        layers: [
          { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 28, 28, 1], name: 'in' }, inbound_nodes: [] },
          { class_name: 'Flatten', name: 'a', config: { name: 'a' }, inbound_nodes: node('in') },
          { class_name: 'Flatten', name: 'b', config: { name: 'b' }, inbound_nodes: node('in') },
          { class_name: 'Add', name: 'sum', config: { name: 'sum' }, inbound_nodes: [[['a', 0, 0, {}], ['b', 0, 0, {}]]] },
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['sum', 0, 0]],
      },
    };
    expect(await refusal(await withConfig(config))).toMatch(/layer 'in' feeds both 'a' and 'b': a branching model cannot be imported/);
  });

  test.each(LAYOUTS)('channels_first (%s)', async (layout) => {
    const conv: FixtureLayer = { className: 'Conv2D', name: 'conv', config: { filters: 2, kernel_size: [3, 3], data_format: 'channels_first' }, weights: [] };
    expect(await refusal(await writeKerasFixture(layout, digitModel([conv, flatten, dense()])))).toMatch(/layer 'conv' \(Conv2D\): data_format "channels_first" is not supported; only channels_last/);
  });

  test.each(LAYOUTS)('a missing weight (%s)', async (layout) => {
    const noBias = dense({ weights: [{ name: 'kernel', shape: [784, 10], values: new Float32Array(7840) }] });
    expect(await refusal(await writeKerasFixture(layout, digitModel([flatten, noBias])))).toMatch(/layer 'dense' \(Dense\) needs 2 weights \(kernel, bias\), the file has 1/);
  });

  test.each(LAYOUTS)('a mis-shaped weight (%s)', async (layout) => {
    const wrong = dense({ weights: [{ name: 'kernel', shape: [10, 784], values: new Float32Array(7840) }, { name: 'bias', shape: [10], values: new Float32Array(10) }] });
    expect(await refusal(await writeKerasFixture(layout, digitModel([flatten, wrong])))).toMatch(/layer 'dense' \(Dense\): weight \S+ has shape \[10,784\], the layer needs \[784,10\] for kernel/);
  });

  test.each(LAYOUTS)('an input that is not a digit image (%s)', async (layout) => {
    expect(await refusal(await writeKerasFixture(layout, digitModel([flatten, dense()], [32, 32, 3])))).toMatch(/the model's input shape \[32,32,3\] is not a digit image: it must be 28x28, 28x28x1 or 784/);
  });

  test.each(LAYOUTS)('a config declaring a layer far larger than the weights in the file, refused before the layer is built (%s)', async (layout) => {
    const small = dense({ weights: [{ name: 'kernel', shape: [784, 128], values: new Float32Array(784 * 128) }, { name: 'bias', shape: [128], values: new Float32Array(128) }] }, { units: 40_000 });
    const bytes = await writeKerasFixture(layout, digitModel([flatten, small]));
    // building allocates and initialises the declared 784x40000 kernel: the check must come first
    const build = vi.spyOn(Object.getPrototypeOf(tf.layers.dense({ units: 1 })) as tf.layers.Layer, 'build');
    try {
      expect(await refusal(bytes)).toMatch(/layer 'dense' \(Dense\): weight \S+ has shape \[784,128\], the layer needs \[784,40000\] for kernel/);
      expect(build).not.toHaveBeenCalled();
    } finally {
      build.mockRestore();
    }
  });

  test('a per-image output past the bound, refused naming the layer', async () => {
    const wide: FixtureLayer = { className: 'Conv2D', name: 'wide', config: { filters: 1000, kernel_size: [1, 1] }, weights: [{ name: 'kernel', shape: [1, 1, 1, 1000], values: new Float32Array(1000) }, { name: 'bias', shape: [1000], values: new Float32Array(1000) }] };
    expect(await refusal(await writeKerasFixture('keras3', digitModel([wide])))).toMatch(/layer 'wide' \(Conv2D\) outputs \[28,28,1000\] per image, over the limit of 262144 values/);
  });

  describe('damaged HDF5, named with the innermost cause', () => {
    const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
    const noise = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 251);
    test.each([
      { what: 'truncated', damage: (h5: Uint8Array) => h5.subarray(0, 600), cause: /truncated file: eof = 600/ },
      { what: 'random bytes after the signature', damage: () => Uint8Array.from([...HDF5_SIGNATURE, ...noise(4000)]), cause: /\(.+\)$/ },
      { what: 'text after the signature', damage: () => Uint8Array.from([...HDF5_SIGNATURE, ...strToU8('model_config = {"class_name": "Sequential"}\n'.repeat(40))]), cause: /\(.+\)$/ },
    ])('$what: a .h5 file, and a .keras weights member', async ({ damage, cause }) => {
      const h5 = damage(await writeKerasFixture('keras2-h5', digitModel([flatten, dense()])));
      const h5Refusal = await refusal(h5);
      expect(h5Refusal).toMatch(/^bad\.keras is not a readable HDF5 file \(/);
      expect(h5Refusal).toMatch(cause);
      const members = unzipSync(await writeKerasFixture('keras3', digitModel([flatten, dense()])));
      const zipRefusal = await refusal(zipSync({ ...members, 'model.weights.h5': damage(members['model.weights.h5'] ?? new Uint8Array(0)) }));
      expect(zipRefusal).toMatch(/^bad\.keras: zip member model\.weights\.h5 is not a readable HDF5 file \(/);
      expect(zipRefusal).toMatch(cause);
    });
  });

  describe('configs too deep to walk, refused naming the layer', () => {
    const input = { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 28, 28, 1], name: 'in' }, inbound_nodes: [] };
    const functional = (layers: readonly unknown[], last: string) => ({ class_name: 'Functional', config: { name: 'deep', layers: [input, ...layers], input_layers: [['in', 0, 0]], output_layers: [[last, 0, 0]] } });

    test('a functional chain of 100,000 layers', { timeout: 30_000 }, async () => {
      const layers = Array.from({ length: 100_000 }, (_, i) => ({ class_name: 'Activation', name: `a${i}`, config: { name: `a${i}`, activation: 'linear' }, inbound_nodes: [[[i === 0 ? 'in' : `a${i - 1}`, 0, 0, {}]]] }));
      expect(await refusal(await withConfig(functional(layers, 'a99999')))).toMatch(/the model has 100001 layers, more than the 500 that can be imported \(layer 'a500' is past the limit\)/);
    });

    test("a layer's inbound_nodes nested 100,000 deep", async () => {
      // written as text: JSON.stringify itself recurses and would overflow first
      const nested = `${'['.repeat(100_000)}"in", 0, 0, {}${']'.repeat(100_000)}`;
      const flat = { class_name: 'Flatten', name: 'flat', config: { name: 'flat' }, inbound_nodes: ['NESTED'] };
      const config = JSON.stringify(functional([flat], 'flat')).replace('"NESTED"', nested);
      expect(await refusal(await withConfigText(config))).toMatch(/layer 'flat': its inbound_nodes nest more than 16 levels deep/);
    });
  });

  test.each([
    { what: 'Dense units 0', layer: dense({}, { units: 0 }), error: /layer 'dense' \(Dense\): units must be a positive integer, got 0/ },
    { what: 'Dense units 2.5', layer: dense({}, { units: 2.5 }), error: /layer 'dense' \(Dense\): units must be a positive integer, got 2\.5/ },
    { what: 'Conv2D without filters', layer: { className: 'Conv2D', name: 'conv', config: { kernel_size: [3, 3] }, weights: [] }, error: /layer 'conv' \(Conv2D\): filters must be a positive integer, got undefined/ },
    { what: 'Dropout rate 2 (tfjs would clamp it to 1)', layer: { className: 'Dropout', name: 'drop', config: { rate: 2 }, weights: [] }, error: /layer 'drop' \(Dropout\): rate must be between 0 and 1, got 2/ },
    { what: 'Dropout rate -0.5', layer: { className: 'Dropout', name: 'drop', config: { rate: -0.5 }, weights: [] }, error: /layer 'drop' \(Dropout\): rate must be between 0 and 1, got -0\.5/ },
  ])('$what, naming the layer', async ({ layer, error }) => {
    expect(await refusal(await writeKerasFixture('keras3', digitModel([layer, flatten, dense()])))).toMatch(error);
  });
});

describe('float16 weights are widened to float32', () => {
  test.each(FIXTURE_LAYOUTS)('%s', async (layout) => {
    const kernel = Float32Array.from({ length: 7840 }, (_, i) => ((i % 61) - 30) / 64);
    const bias = Float32Array.from({ length: 10 }, (_, i) => i / 8 - 0.5);
    const half = dense({ weights: [{ name: 'kernel', shape: [784, 10], values: kernel }, { name: 'bias', shape: [10], values: bias }] });
    const { model } = await importKeras(await writeKerasFixture(layout, { ...digitModel([flatten, half]), float16: true }), 'half.keras', NO_CONVERSION);
    const [k, b] = model.getLayer('dense').getWeights();
    expect(Array.from(k?.dataSync() ?? [])).toEqual(Array.from(kernel));
    expect(Array.from(b?.dataSync() ?? [])).toEqual(Array.from(bias));
    model.dispose();
  });
});
