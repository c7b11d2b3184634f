import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { NUM_CLASSES } from '../../../common/digit.ts';
import { choosePrototypeWeight, classPrototypes, disposePrototypes, foldPrototypes, prototypeTerm } from '../../../common/personal/prototypes.ts';

const CLASSES = NUM_CLASSES + 1;

/** Rows of non-negative features (as after ReLU), 2 per class for classes 0..3, F = 6: a class's rows are strong in its own feature. */
function writerRows(): { rows: tf.Tensor2D; labels: Int32Array } {
  const labels = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
  const rows = tf.tidy(() => tf.add<tf.Tensor2D>(tf.oneHot(tf.tensor1d(labels, 'int32'), 6), tf.randomUniform<tf.Rank.R2>([labels.length, 6], 0, 0.3, 'float32', 3)));
  return { rows, labels };
}

describe('classPrototypes', () => {
  test('taught digits weigh 1, "not a digit" its own weight, the rest 0; directions are unit length; the offset centres the other classes', () => {
    const { rows, labels } = writerRows();
    const nonDigit = tf.ones<tf.Rank.R2>([3, 6]);
    const tensorsBefore = tf.memory().numTensors;
    const prototypes = classPrototypes(tf, rows, labels, CLASSES, nonDigit, 0.75);
    expect(Array.from(prototypes.weights.dataSync())).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0.75]);
    const lengths = Array.from(tf.tidy(() => tf.norm(prototypes.directions, 'euclidean', 1)).dataSync());
    lengths.forEach((length, c) => { expect(length).toBeCloseTo(c < 4 || c === NUM_CLASSES ? 1 : 0, 5); });
    // over the writer's rows, the term of the other taught digits averages 0
    const term = prototypeTerm(tf, prototypes, rows).arraySync();
    const others = term.flatMap((row, i) => row.slice(0, 4).filter((_, c) => c !== labels[i]));
    expect(others.reduce((sum, t) => sum + t, 0) / others.length).toBeCloseTo(0, 5);
    // and a row's own class scores above that average
    term.forEach((row, i) => { expect(row[labels[i] ?? 0]).toBeGreaterThan(0); });
    tf.dispose([rows, nonDigit]);
    disposePrototypes(prototypes);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  test('a model without the "not a digit" output, or no shapes, gives it no prototype', () => {
    const { rows, labels } = writerRows();
    const ten = classPrototypes(tf, rows, labels, NUM_CLASSES, tf.ones([3, 6]), 0.75);
    const none = classPrototypes(tf, rows, labels, CLASSES, null, 0.75);
    expect(ten.weights.shape).toEqual([NUM_CLASSES]);
    expect(none.weights.dataSync()[NUM_CLASSES]).toBe(0);
    tf.dispose(rows);
    disposePrototypes(ten);
    disposePrototypes(none);
  });
});

test('folding the term into a Dense layer gives exactly softmax(logits + weight * term)', () => {
  const { rows, labels } = writerRows();
  const dense = tf.layers.dense({ units: CLASSES, activation: 'softmax', inputShape: [6], kernelInitializer: tf.initializers.randomNormal({ seed: 4 }), biasInitializer: tf.initializers.randomNormal({ seed: 5 }) });
  const model = tf.sequential({ layers: [dense] });
  const prototypes = classPrototypes(tf, rows, labels, CLASSES, tf.ones([2, 6]), 0.75);
  const x = tf.tidy(() => tf.abs(tf.randomNormal<tf.Rank.R2>([5, 6], 0, 1, 'float32', 9)));
  const weight = 6;
  const expected = tf.tidy(() => {
    const [kernel, bias] = dense.getWeights();
    if (kernel === undefined || bias === undefined) throw new Error('no weights');
    return (tf.softmax(tf.add(tf.add(tf.matMul(x, kernel), bias), tf.mul(prototypeTerm(tf, prototypes, x), weight))) as tf.Tensor2D).arraySync();
  });
  const before = tf.tidy(() => (model.predict(x) as tf.Tensor2D).arraySync());
  foldPrototypes(tf, dense, prototypes, weight);
  const folded = tf.tidy(() => (model.predict(x) as tf.Tensor2D).arraySync());
  expect(folded).not.toEqual(before);
  folded.forEach((row, i) => { row.forEach((p, c) => { expect(p).toBeCloseTo(expected[i]?.[c] ?? Number.NaN, 5); }); });
  tf.dispose([rows, x]);
  disposePrototypes(prototypes);
  model.dispose();
});

describe('choosePrototypeWeight', () => {
  // two rows, three classes; the head is unsure between the true class and another
  const probabilities = () => tf.tensor2d([[0.4, 0.5, 0.1], [0.1, 0.45, 0.45]]);
  const labels = Int32Array.from([0, 2]);
  test.each<[string, number[][], number]>([
    ['a term that favours the true classes: the largest weight', [[1, 0, 0], [0, 0, 1]], 8],
    ['a term that favours wrong classes: none', [[0, 1, 0], [0, 1, 0]], 0],
    ['no term at all: the smallest weight', [[0, 0, 0], [0, 0, 0]], 0],
  ])('%s', (_, term, chosen) => {
    const reads = [{ probabilities: probabilities(), term: tf.tensor2d(term), labels }];
    expect(choosePrototypeWeight(tf, reads, [0, 2, 8])).toBe(chosen);
    tf.dispose(reads.flatMap((read) => [read.probabilities, read.term]));
  });
});
