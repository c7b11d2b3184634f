import { encodeIdx } from '../../../common/personal/idxExport.ts';
import { downloadFile } from '../../shell/platform/download.ts';
import { asTrainingSet, type PersonalExample } from '../../shell/state/personalExample.ts';

/** The files' names: MNIST's naming, so `npm run evaluate -- --images … --labels …` reads at a glance. */
export const EXPORT_NAMES = Object.freeze({ images: 'my-digits-images-idx3-ubyte', labels: 'my-digits-labels-idx1-ubyte' });

/**
 * Downloads the saved digits as an IDX image/label pair: the model inputs, already normalised, so
 * evaluate and finetune read them without --normalize. Resolves with what to tell the player.
 */
export function exportDigits(examples: readonly PersonalExample[]): Promise<string> {
  if (examples.length === 0) return Promise.resolve('Nothing to export yet: correct a guess first');
  const files = encodeIdx(asTrainingSet(examples));
  downloadFile(EXPORT_NAMES.images, files.images);
  downloadFile(EXPORT_NAMES.labels, files.labels);
  return Promise.resolve(`Exported ${examples.length} digits: ${EXPORT_NAMES.images} and ${EXPORT_NAMES.labels}`);
}
