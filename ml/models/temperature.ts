import * as tf from '@tensorflow/tfjs';
import { bakeTemperature, fitTemperature } from '../../common/temperature.ts';
import { predictProbabilities } from './predict.ts';
import type { LabelledImages } from '../data/labelledImages.ts';

/**
 * Bakes 1/T into the final softmax layer's kernel and bias (softmax(z/T) = softmax((Wx+b)/T)), so
 * every consumer of the saved model, the game included, gets calibrated probabilities as they are.
 */
export function applyTemperature(model: tf.LayersModel, temperature: number): void {
  bakeTemperature(tf, model.layers[model.layers.length - 1], temperature, 'temperature calibration of a model');
}

/** Fits the temperature on `validation` and applies it to `model`; returns T. */
export function calibrate(model: tf.LayersModel, validation: LabelledImages): number {
  const temperature = fitTemperature(predictProbabilities(model, validation.images), validation.labels);
  applyTemperature(model, temperature);
  return temperature;
}
