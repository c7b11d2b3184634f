import type { LayersModel } from '@tensorflow/tfjs-layers';
import { Classifier } from '../../../shell/platform/classifier.ts';
import { describe, PERSONAL_MODEL_URL, StorageProblem } from '../../../shell/platform/personalStore.ts';
import { tfjsLayers } from '../../../shell/platform/tfjsLayers.ts';
import { loadTfjs } from '../../../shell/platform/tfjsRuntime.ts';

/** The personal model's name in messages. */
const WHAT = 'your personal model';

/**
 * Saves a taught model with tfjs's IndexedDB handler, `metadata` (what it was taught on) inside it so
 * it travels with the weights. Rejects with a StorageProblem (storage full, denied) so the caller
 * can say so and keep the model for this visit only.
 */
export async function savePersonalModel(model: LayersModel, metadata: object): Promise<void> {
  model.setUserDefinedMetadata(metadata);
  try {
    await model.save(PERSONAL_MODEL_URL);
  } catch (error) {
    throw new StorageProblem(`${WHAT} could not be saved (${describe(error)}); it plays until you leave`);
  }
}

/** The saved personal model as a Classifier (shape-checked and warmed up, read by `kernel` when it can); a damaged one rejects with the reason. */
export async function loadPersonalModel(kernel: WebAssembly.Module | null): Promise<Classifier> {
  let model: LayersModel;
  try {
    await loadTfjs();
    const { loadLayersModel } = await tfjsLayers();
    model = await loadLayersModel(PERSONAL_MODEL_URL);
  } catch (error) {
    throw new StorageProblem(`${WHAT} could not be read (${describe(error)})`);
  }
  return Classifier.fromModel(model, WHAT, kernel);
}

/** Forgets the saved personal model; nothing saved is not an error. */
export async function removePersonalModel(): Promise<void> {
  try {
    const { tfjs: { tf } } = await loadTfjs();
    await tf.io.removeModel(PERSONAL_MODEL_URL);
  } catch {
    // there was none saved: nothing to remove
  }
}

/**
 * The shapes of a model's weights layer by layer, to compare a personal model with its base. Not
 * `model.weights`: that lists trainable weights first, and teaching freezes the layers before the
 * head, so the same weights come in another order.
 */
export function weightShapes(model: LayersModel): number[][] {
  return model.layers.flatMap((layer) => layer.weights.map((weight) => [...weight.shape].map((d) => d ?? -1)));
}

/** A new tfjs model wrapped for play (read by `kernel` when it can), e.g. the one teaching just made. */
export function classifierFor(model: LayersModel, kernel: WebAssembly.Module | null): Promise<Classifier> {
  return Classifier.fromModel(model, WHAT, kernel);
}

/** A frame boundary: the browser renders and handles input between two teaching steps. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => { requestAnimationFrame(() => { resolve(); }); });
}
