import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../common/digit.ts';
import type { Examples } from '../../common/personal/examples.ts';
import { createRandom, randomIndex, type Random } from '../../common/random.ts';
import type { TrainingSet } from '../../common/train/trainingSet.ts';
import { buildLiveNet, LIVE_FILTER_SIZE, LIVE_FILTERS, type LiveRecipe } from '../models/liveNet.ts';
import { applyGradients, batchGradients, trainableVariables } from './step.ts';

/** What the one training step (./step.ts) is told besides the batch: no distortions, plain cross-entropy, so the curves show learning alone. */
const LIVE_STEP = { augment: { rotation: 0, zoom: 0, shift: 0, shear: 0, thickness: 0 }, labelSmoothing: 0 } as const;

/**
 * One network trained from scratch a step at a time, as the Train mode's worker drives it: the
 * digits are held as whole tensors, each step draws a random batch, and between steps anyone may
 * read its held-out accuracy, its first filters or its guess on a drawing. Every tensor a call
 * makes is disposed before it returns (test/ml/training/liveTraining.test.ts counts them).
 */
export class LiveTraining {
  private readonly model: tf.LayersModel;
  private readonly optimizer: tf.Optimizer;
  private readonly trainImages: tf.Tensor4D;
  private readonly trainLabels: tf.Tensor1D;
  private readonly variables: tf.Variable[];
  private readonly heldOutImages: tf.Tensor4D;
  private readonly heldOutLabels: tf.Tensor1D;
  private readonly trainCount: number;
  private readonly random: Random;
  private stepsTaken = 0;

  constructor(set: TrainingSet, private readonly recipe: LiveRecipe, seed: number) {
    this.random = createRandom(seed);
    this.model = buildLiveNet(seed);
    this.optimizer = tf.train.adam(recipe.learningRate);
    this.trainCount = set.train.labels.length;
    this.trainImages = asImages(set.train);
    this.variables = trainableVariables(this.model);
    this.trainLabels = tf.tensor1d(set.train.labels, 'int32');
    this.heldOutImages = asImages(set.heldOut);
    this.heldOutLabels = tf.tensor1d(set.heldOut.labels, 'int32');
  }

  get steps(): number {
    return this.stepsTaken;
  }

  get examples(): number {
    return this.stepsTaken * this.recipe.batchSize;
  }

  /** One Adam step on a random batch, the training loop's own step; returns its mean cross-entropy (nats). */
  step(): number {
    const rows = Int32Array.from({ length: this.recipe.batchSize }, () => randomIndex(this.random, this.trainCount));
    const { loss, gradients } = batchGradients(this.model, this.variables, this.trainImages, this.trainLabels, rows, LIVE_STEP, this.random);
    try {
      applyGradients(this.optimizer, this.variables, gradients, loss);
    } finally {
      tf.dispose(gradients);
    }
    this.stepsTaken++;
    return loss;
  }

  /** Share of the held-out digits read right, 0..1. */
  accuracy(): number {
    return tf.tidy(() => {
      const predicted = (this.model.predict(this.heldOutImages) as tf.Tensor2D).argMax(1);
      return predicted.equal(this.heldOutLabels).mean().dataSync()[0] ?? 0;
    });
  }

  /** The first convolution's filters, filter after filter, each LIVE_FILTER_SIZE² values row-major. */
  filters(): Float32Array {
    const kernel = this.model.layers[0]?.getWeights()[0];
    if (kernel === undefined) throw new Error('the network has no first convolution');
    // stored [height, width, 1, filters]: filter f's pixel (row, col) is at (row * size + col) * filters + f
    const values = kernel.dataSync();
    const size = LIVE_FILTER_SIZE * LIVE_FILTER_SIZE;
    const out = new Float32Array(LIVE_FILTERS * size);
    for (let f = 0; f < LIVE_FILTERS; f++) for (let p = 0; p < size; p++) out[f * size + p] = values[p * LIVE_FILTERS + f] ?? 0;
    return out;
  }

  /** Probabilities for one drawing (28x28, 0..1, as common/preprocess.ts gives it). */
  read(pixels: Float32Array): Float32Array {
    return tf.tidy(() => (this.model.predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1])) as tf.Tensor2D).dataSync() as Float32Array).slice();
  }

  /** The network's topology and weights, as tfjs saves a model. */
  async artifacts(): Promise<tf.io.ModelArtifacts> {
    const saved: tf.io.ModelArtifacts[] = [];
    await this.model.save(tf.io.withSaveHandler((artifacts) => {
      saved.push(artifacts);
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }));
    const [artifacts] = saved;
    if (artifacts === undefined) throw new Error('tfjs saved no model');
    return artifacts;
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
    tf.dispose([this.trainImages, this.trainLabels, this.heldOutImages, this.heldOutLabels]);
  }
}

function asImages(examples: Examples): tf.Tensor4D {
  return tf.tensor4d(examples.images, [examples.images.length / IMAGE_PIXELS, IMAGE_SIZE, IMAGE_SIZE, 1]);
}
