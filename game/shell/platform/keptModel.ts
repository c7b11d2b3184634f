import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { TrainModel } from '../../../common/train/protocol.ts';
import { parseKeptNote, type KeptNote } from '../state/trainedEntry.ts';
import { Classifier } from './classifier.ts';
import { describe, StorageProblem } from './personalStore.ts';
import { browserStore } from './storage.ts';
import { tfjsLayers } from './tfjsLayers.ts';
import { loadTfjs } from './tfjsRuntime.ts';

/**
 * The network trained in the Train mode, kept: rebuilt in the page from the worker's files, saved
 * with tfjs's IndexedDB handler under KEPT_MODEL_URL (beside the personal model, in tfjs's own
 * database). In the shell, not in the Train room, so that any screen can load it with
 * loadKeptModel: Compare shows it on later visits.
 */
export const KEPT_MODEL_URL = 'indexeddb://handwritten-digits-trained';

const WHAT = 'the network trained here';

/** Set in localStorage once a network is kept: a screen can tell there is one without loading tfjs to look. */
const KEPT_FLAG = 'handwritten-digits-kept';

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
  try {
    browserStore()?.setItem(KEPT_FLAG, '1');
  } catch {
    // without the flag a later visit does not look for it: saved, but not shown again
  }
}

/** A network kept on this visit or an earlier one, read back: its classifier and what was kept with it. */
export interface KeptNetwork {
  readonly classifier: Classifier;
  readonly note: KeptNote;
}

/** The kept network (read by `kernel` when it can), or null when none was kept; a damaged one rejects with the reason. */
export async function loadKeptModel(kernel: WebAssembly.Module | null): Promise<KeptNetwork | null> {
  if (browserStore()?.getItem(KEPT_FLAG) !== '1') return null;
  const { tfjs: { tf } } = await loadTfjs();
  const saved = await tf.io.listModels().catch(() => ({}));
  if (!(KEPT_MODEL_URL in saved)) return null;
  const { loadLayersModel } = await tfjsLayers();
  let model: LayersModel;
  try {
    model = await loadLayersModel(KEPT_MODEL_URL);
  } catch (error) {
    throw new StorageProblem(`${WHAT} could not be read (${describe(error)})`);
  }
  const note = parseKeptNote(model.getUserDefinedMetadata());
  if (note === null) {
    model.dispose();
    throw new StorageProblem(`${WHAT} was kept without its note (how far it was trained)`);
  }
  return { classifier: await Classifier.fromModel(model, WHAT, kernel), note };
}
