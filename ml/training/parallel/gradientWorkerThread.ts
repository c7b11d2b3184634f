import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../../common/random.ts';
import { initBackend } from '../../backend/backend.ts';
import { packTensors, unpackArrays } from './flatTensors.ts';
import type { CountRequest, SliceRequest, WorkerReply, WorkerRequest, WorkerSetup } from './gradientWorker.ts';
import { tallyValidation } from '../../eval/validationTally.ts';
import { batchGradients, trainableVariables } from '../step.ts';

// Entry of a gradient worker thread (started by ml/training/parallel/gradientWorker.ts): the same backend and kernels
// as the main thread, a copy of the model and of the training and validation images, then one
// slice's gradients or one validation count per request until terminated.

const port = parentPort;
if (!port) throw new Error('ml/training/parallel/gradientWorkerThread.ts runs only as a worker thread');
const setup = workerData as WorkerSetup;
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => { port.postMessage(message, transfer); };

await initBackend(setup.backend, () => undefined);
const model = await tf.loadLayersModel(tf.io.fromMemory(setup.artifacts));
const variables = trainableVariables(model);
const shapes = variables.map((variable) => variable.shape);
if (JSON.stringify(shapes) !== JSON.stringify(setup.shapes)) {
  throw new Error(`the worker's model has trainable shapes ${JSON.stringify(shapes)}, the main thread's ${JSON.stringify(setup.shapes)}`);
}
const images = tf.tensor4d(new Float32Array(setup.images), [...setup.shape]);
const labels = tf.tensor1d(Int32Array.from(setup.labels), 'int32');
const validation = tf.tensor4d(new Float32Array(setup.validationImages), [setup.validationLabels.length, ...setup.shape.slice(1)] as [number, number, number, number]);

function slice(request: SliceRequest): void {
  tf.tidy(() => {
    unpackArrays(request.weights, shapes).forEach((values, i) => variables[i]?.assign(tf.tensor(values, shapes[i])));
  });
  const result = batchGradients(model, variables, images, labels, request.indices, setup.recipe, createRandom(request.seed));
  const gradients = packTensors(result.gradients);
  tf.dispose(result.gradients);
  reply({ kind: 'slice', loss: result.loss, correct: result.correct, gradients }, [gradients.buffer]);
}

/** Leaves every weight, BN statistics included, as the request set them; the next slice request resets the trainable ones. */
function count(request: CountRequest): void {
  const weights = model.getWeights();
  const values = unpackArrays(request.weights, weights.map((weight) => weight.shape));
  tf.tidy(() => { model.setWeights(weights.map((weight, i) => tf.tensor(values[i] ?? new Float32Array(), weight.shape))); });
  reply({ kind: 'count', tally: tallyValidation(model, validation, setup.validationLabels, request.start, request.end) });
}

port.on('message', (request: WorkerRequest) => {
  try {
    if (request.kind === 'slice') slice(request);
    else count(request);
  } catch (error) {
    reply({ kind: 'error', message: (error as Error).stack ?? String(error) });
  }
});
reply({ kind: 'ready' });
