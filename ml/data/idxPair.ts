import { NUM_CLASSES } from '../../common/digit.ts';
import { UsageError } from '../process/options.ts';
import { asImages, asLabels, readIdxFile, type IdxImages } from './idx.ts';

export interface IdxPair {
  readonly images: IdxImages;
  readonly labels: Uint8Array;
}

/** An IDX image file and its label file (digits 0..9), refused unless they hold as many of each. */
export async function readIdxPair(imagesPath: string, labelsPath: string): Promise<IdxPair> {
  const images = asImages(await readIdxFile(imagesPath), imagesPath);
  const labels = asLabels(await readIdxFile(labelsPath), labelsPath, NUM_CLASSES);
  if (images.count !== labels.length) throw new UsageError(`${imagesPath} has ${images.count} images but ${labelsPath} has ${labels.length} labels`);
  return { images, labels };
}
