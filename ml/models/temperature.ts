import * as tf from '@tensorflow/tfjs';
import { fitTemperature } from '../../common/temperature.ts';
import { predictProbabilities } from './predict.ts';
import type { LabelledImages } from '../data/labelledImages.ts';

/**
 * Bakes 1/T into the final softmax layer's kernel and bias (softmax(z/T) = softmax((Wx+b)/T)), so
 * every consumer of the saved model, the game included, gets calibrated probabilities as they are.
 */
export function applyTemperature(model: tf.LayersModel, temperature: number): void {
  const last = model.layers[model.layers.length - 1];
  const config = last?.getConfig() as { activation?: string } | undefined;
  if (last?.getClassName() !== 'Dense' || config?.activation !== 'softmax') {
    throw new Error('temperature calibration needs a model ending in a Dense softmax layer');
  }
  const scaled = tf.tidy(() => last.getWeights().map((w) => tf.div(w, temperature)));
  last.setWeights(scaled);
  tf.dispose(scaled);
}

/** Fits the temperature on `validation` and applies it to `model`; returns T. */
export function calibrate(model: tf.LayersModel, validation: LabelledImages): number {
  const temperature = fitTemperature(predictProbabilities(model, validation.images), validation.labels);
  applyTemperature(model, temperature);
  return temperature;
}
