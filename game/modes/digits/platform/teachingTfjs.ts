import * as tf from '@tensorflow/tfjs';

/**
 * The tfjs namespace the shared fine-tuning code takes as a parameter, and that code. Their own
 * module, imported when the player first teaches: handing over the whole namespace keeps all of
 * tfjs, which the first screen need not download.
 */
export const TF = tf;
export { teach } from '../../../../common/personal/fineTune.ts';
