import type { TrainModel } from '../../../common/train/protocol.ts';
import { Classifier } from './classifier.ts';
import { describe, StorageProblem } from './personalStore.ts';
import { tfjsLayers } from './tfjsLayers.ts';
import { loadTfjs } from './tfjsRuntime.ts';

/**
 * The network trained in the Train mode, kept: rebuilt in the page from the worker's files, saved
 * with tfjs's IndexedDB handler under KEPT_MODEL_URL (beside the personal model, in tfjs's own
 * database). In the shell, not in the Train room, so that any screen (Compare) can load it with
 * loadKeptModel, on this visit or a later one.
 */
export const KEPT_MODEL_URL = 'indexeddb://handwritten-digits-trained';

const WHAT = 'the network trained here';

/** The worker's files as a playable Classifier (shape-checked, warmed up, weights checked for NaN; read by `kernel` when it can). */
export async function classifierOf(files: TrainModel, kernel: WebAssembly.Module | null): Promise<Classifier> {
  const { tfjs: { tf } } = await loadTfjs();
  const { loadLayersModel } = await tfjsLayers();
  const model = await loadLayersModel(tf.io.fromMemory({
    modelTopology: files.modelTopology,
    weightSpecs: files.weightSpecs.map((spec) => ({ ...spec, shape: [...spec.shape] })),
    weightData: files.weightData,
  }));
  return Classifier.fromModel(model, WHAT, kernel);
}

/** Saves it for later visits; a StorageProblem says why it could not be (full, a private window). */
export async function saveKeptModel(classifier: Classifier, note: KeptNote): Promise<void> {
  const model = await classifier.layersModel();
  model.setUserDefinedMetadata({ ...note });
  try {
    await model.save(KEPT_MODEL_URL);
  } catch (error) {
    throw new StorageProblem(`${WHAT} could not be saved (${describe(error)}); it plays until you leave`);
  }
}

/** What is kept with its weights: how far it was trained and how well it read the held-out digits. */
export interface KeptNote {
  readonly steps: number;
  /** 0..1 on the 1,000 held-out MNIST test digits, null if never measured */
  readonly accuracy: number | null;
}

/** The kept network (read by `kernel` when it can), or null when none was kept; a damaged one rejects with the reason. */
export async function loadKeptModel(kernel: WebAssembly.Module | null): Promise<Classifier | null> {
  const { tfjs: { tf } } = await loadTfjs();
  const saved = await tf.io.listModels().catch(() => ({}));
  if (!(KEPT_MODEL_URL in saved)) return null;
  const { loadLayersModel } = await tfjsLayers();
  return Classifier.fromModel(await loadLayersModel(KEPT_MODEL_URL), WHAT, kernel);
}
