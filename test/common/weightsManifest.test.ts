import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readWeightsManifest, weightBytesProblem } from '../../common/weightsManifest.ts';
import { REPO_ROOT } from '../../scripts/site.ts';

const weight = (shape: number[], dtype = 'float32', extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'w', shape, dtype, ...extra });

describe('readWeightsManifest', () => {
  test.each(['default', 'seed', 'pieces'])('the shipped %s model needs exactly the bytes of its weights.bin', async (name) => {
    const model = JSON.parse(await readFile(join(REPO_ROOT, 'assets/models', name, 'model.json'), 'utf8')) as { weightsManifest: unknown };
    const groups = readWeightsManifest(model.weightsManifest);
    expect(groups.map(({ group }) => group.paths)).toEqual([['weights.bin']]);
    expect(groups[0]?.bytes).toBe((await stat(join(REPO_ROOT, 'assets/models', name, 'weights.bin'))).size);
  });

  test.each([
    { weights: [weight([5, 5, 1, 32]), weight([32])], bytes: (800 + 32) * 4 },
    { weights: [weight([]), weight([3], 'int32'), weight([7], 'bool')], bytes: 4 + 12 + 7 },
    { weights: [weight([10, 10], 'float32', { quantization: { dtype: 'uint8', scale: 0.1, min: -1 } })], bytes: 100 },
    { weights: [weight([4], 'float32', { quantization: { dtype: 'float16' } })], bytes: 8 },
    { weights: [], bytes: 0 },
  ])('$weights.length weights need $bytes bytes', ({ weights, bytes }) => {
    const [group] = readWeightsManifest([{ paths: ['a.bin'], weights }]);
    expect(group?.bytes).toBe(bytes);
  });

  test('keeps quantization for tfjs', () => {
    const quantization = { dtype: 'uint8', scale: 0.1, min: -1 };
    expect(readWeightsManifest([{ paths: ['a.bin'], weights: [weight([2], 'float32', { quantization })] }])[0]?.group.weights[0])
      .toEqual({ name: 'w', shape: [2], dtype: 'float32', quantization });
  });

  test.each([
    { manifest: undefined, says: '"weightsManifest" is not a list' },
    { manifest: [{ weights: [] }], says: 'weightsManifest[0] needs "paths"' },
    { manifest: [{ paths: [], weights: [] }], says: 'weightsManifest[0] needs "paths"' },
    { manifest: [{ paths: ['a.bin'], weights: [{ shape: [1] }] }], says: 'weightsManifest[0].weights[0] needs "name" and "dtype"' },
    { manifest: [{ paths: ['a.bin'], weights: [weight([2, -1])] }], says: 'weightsManifest[0].weights[0] (w) has no valid "shape"' },
    { manifest: [{ paths: ['a.bin'], weights: [weight([2], 'complex64')] }], says: 'has dtype "complex64", which a weights file cannot hold' },
  ])('refuses $manifest', ({ manifest, says }) => {
    expect(() => readWeightsManifest(manifest)).toThrow(says);
  });
});

describe('weightBytesProblem', () => {
  test.each([
    { actual: 400, expected: 400, says: null },
    { actual: 0, expected: 400, says: "is empty (model.json's weightsManifest needs 400 bytes)" },
    { actual: 399, expected: 400, says: "is cut off (399 of the 400 bytes model.json's weightsManifest needs)" },
    { actual: 404, expected: 400, says: "has 4 bytes too many (404; model.json's weightsManifest describes 400)" },
  ])('$actual bytes where $expected are needed', ({ actual, expected, says }) => {
    expect(weightBytesProblem(actual, expected)).toBe(says);
  });
});
