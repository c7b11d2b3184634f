import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { disposeStacked, runStacked, stackHead, writeCopy } from '../../../common/personal/stackedHead.ts';

/** A small head like the seed model's: Dense relu, Dropout, Dense softmax. */
function smallHead(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return model;
}

test('every copy of an untrained stack reads as the head itself, and a copy written back changes only the layers it holds', () => {
  const model = smallHead();
  const tensorsBefore = tf.memory().numTensors;
  const stacked = stackHead(tf, model.layers, 3);
  const x = tf.randomNormal<tf.Rank.R2>([4, 6], 0, 1, 'float32', 5);
  const expected = tf.tidy(() => (model.predict(x) as tf.Tensor).arraySync() as number[][]);
  const copies = tf.tidy(() => runStacked(tf, stacked, tf.tile(tf.expandDims(x, 0), [3, 1, 1]) as tf.Tensor3D, false).arraySync());
  for (const copy of copies) copy.forEach((row, i) => { row.forEach((p, c) => { expect(p).toBeCloseTo(expected[i]?.[c] ?? Number.NaN, 5); }); });

  const kernel = stacked.variables[0];
  if (kernel === undefined) throw new Error('no kernel');
  tf.tidy(() => { kernel.assign(tf.concat([tf.gather(kernel, [0]), tf.zerosLike(tf.gather(kernel, [1])), tf.gather(kernel, [2])])); });
  writeCopy(tf, stacked, 1, model.layers);
  expect(Math.max(...(model.layers[0]?.getWeights()[0]?.dataSync() ?? [1]).map(Math.abs))).toBe(0);
  disposeStacked(stacked);
  x.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  model.dispose();
});

test('a layer teaching cannot stack is refused by name', () => {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'tanh', name: 'odd' }));
  expect(() => stackHead(tf, model.layers, 2)).toThrow('odd');
  model.dispose();
});
