import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { encodeFloat16, storeTensor } from '../../../ml/models/quantize.ts';
import { SMALL_TENSOR, readFloatWeights, roughestUint8, sizePlan, storeWeights, type FloatWeight } from '../../../ml/models/quantizedWeights.ts';

// What tfjs reads back is the test: tf.io.decodeWeights is what the game and modelFiles.ts load with.
function decoded(specs: tf.io.WeightsManifestEntry[], data: Uint8Array): Record<string, Float32Array> {
  const tensors = tf.io.decodeWeights(data.slice().buffer, specs);
  const out: Record<string, Float32Array> = {};
  for (const [name, tensor] of Object.entries(tensors)) {
    out[name] = tensor.dataSync() as Float32Array;
    tensor.dispose();
  }
  return out;
}

const weight = (name: string, values: number[]): FloatWeight => ({ spec: { name, shape: [values.length], dtype: 'float32' }, values: new Float32Array(values) });

function ramp(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

describe('encodeFloat16', () => {
  test.each([
    { value: 1, bits: 0x3c00 },
    { value: -2, bits: 0xc000 },
    { value: 0.1, bits: 0x2e66 },
    { value: 65504, bits: 0x7bff },
    { value: 2 ** -24, bits: 0x0001 },
    { value: 2 ** -26, bits: 0x0000 },
    { value: 1 + 2 ** -11, bits: 0x3c00 },
    { value: 1 + 3 * 2 ** -11, bits: 0x3c02 },
    { value: -0, bits: 0x8000 },
  ])('$value is stored as 0x$bits', ({ value, bits }) => {
    expect(encodeFloat16(new Float32Array([value]))[0]).toBe(bits);
  });

  test('refuses a value float16 would turn into infinity', () => {
    expect(() => encodeFloat16(new Float32Array([70_000]))).toThrow('which float16 cannot hold');
  });

  test('tfjs reads back each float16 within half a step', () => {
    const values = ramp(500, -3, 5);
    const stored = storeTensor(new Float32Array(values), 'float16');
    const back = decoded([{ name: 'w', shape: [500], dtype: 'float32', quantization: stored.quantization }], stored.bytes).w;
    values.forEach((v, i) => { expect(Math.abs((back?.[i] ?? NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-7); });
  });
});

describe.each(['uint8', 'uint16'] as const)('%s per tensor', (dtype) => {
  test('tfjs reads back every value within half a step, and zero exactly', () => {
    const values = new Float32Array([...ramp(999, -0.37, 1.21), 0]);
    const stored = storeTensor(values, dtype);
    const { scale = 0 } = stored.quantization;
    expect(stored.bytes.byteLength).toBe(values.length * (dtype === 'uint8' ? 1 : 2));
    expect(scale).toBeCloseTo(1.58 / (dtype === 'uint8' ? 255 : 65535), 6);
    const back = decoded([{ name: 'w', shape: [1000], dtype: 'float32', quantization: stored.quantization }], stored.bytes).w;
    values.forEach((v, i) => { expect(Math.abs((back?.[i] ?? NaN) - v)).toBeLessThanOrEqual(scale / 2 + 1e-7); });
    expect(back?.[999]).toBe(0);
  });

  test('a tensor of zeros stays zeros', () => {
    const stored = storeTensor(new Float32Array(4), dtype);
    expect([...(decoded([{ name: 'w', shape: [4], dtype: 'float32', quantization: stored.quantization }], stored.bytes).w ?? [])]).toEqual([0, 0, 0, 0]);
  });
});

describe('storeWeights', () => {
  const big = weight('conv/kernel', ramp(SMALL_TENSOR, -1, 1));
  const small = weight('conv/bias', ramp(10, -0.01, 0.02));

  test('large tensors as the plan says, small ones as float16, back to back in manifest order', () => {
    const stored = storeWeights([big, small], sizePlan('uint8'));
    expect(stored.specs.map((s) => s.quantization?.dtype)).toEqual(['uint8', 'float16']);
    expect(stored.data.byteLength).toBe(SMALL_TENSOR + 20);
    expect(stored.byStorage).toEqual({ uint8: ['conv/kernel'], float16: ['conv/bias'] });
    const back = decoded(stored.specs, stored.data);
    expect(back['conv/bias']?.[9]).toBeCloseTo(0.02, 4);
    expect(back['conv/kernel']?.[0]).toBeCloseTo(-1, 2);
  });

  test('a tensor named as wider is stored as uint16', () => {
    const stored = storeWeights([big, small], sizePlan('uint8', new Set(['conv/kernel'])));
    expect(stored.specs.map((s) => s.quantization?.dtype)).toEqual(['uint16', 'float16']);
    expect(stored.data.byteLength).toBe(2 * SMALL_TENSOR + 20);
  });

  test('the stored weights load into a tfjs layers model and answer as the float32 one', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [40], units: 30, activation: 'relu' }), tf.layers.dense({ units: 10 })] });
    const saved = await new Promise<tf.io.ModelArtifacts>((resolve) => {
      void model.save(tf.io.withSaveHandler((artifacts) => {
        resolve(artifacts);
        return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
      }));
    });
    const data = new Uint8Array(saved.weightData as ArrayBuffer);
    const stored = storeWeights(readFloatWeights(saved.weightSpecs ?? [], data), sizePlan('uint8'));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: saved.modelTopology, weightSpecs: stored.specs, weightData: stored.data.slice().buffer }));
    const x = tf.randomNormal([5, 40], 0, 1, 'float32', 7);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(0.05);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});

describe('readFloatWeights', () => {
  test('refuses weights already quantised', () => {
    const spec: tf.io.WeightsManifestEntry = { name: 'w', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } };
    expect(() => readFloatWeights([spec], new Uint8Array(2))).toThrow('weight w is already stored as uint8: quantise the float32 model instead');
  });

  test('refuses weights that do not fill the bytes', () => {
    expect(() => readFloatWeights([{ name: 'w', shape: [2], dtype: 'float32' }], new Uint8Array(12))).toThrow('the weights hold 12 bytes where the manifest describes 8');
  });
});

describe('roughestUint8', () => {
  test('picks the uint8 tensor whose one outlier leaves the rest on a coarse grid', () => {
    const even = weight('even', ramp(SMALL_TENSOR, -1, 1));
    const outlier = weight('outlier', [...ramp(SMALL_TENSOR - 1, -0.3, 0.3), 50]);
    expect(roughestUint8([even, outlier, weight('small', [1, 2])], sizePlan('uint8'))).toBe('outlier');
    expect(roughestUint8([even, outlier], sizePlan('uint8', new Set(['outlier'])))).toBe('even');
    expect(roughestUint8([even], sizePlan('float16'))).toBeNull();
  });
});
