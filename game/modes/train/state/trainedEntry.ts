import type { ModelEntry } from '../../../../common/modelIndex.ts';
import type { TrainModel } from '../../../../common/train/protocol.ts';

/**
 * How the model label, the Inside card and the page API name a kept network. Its path names no
 * file of the site: the Inside card finds no metadata.json there and says so, rather than showing
 * the base model's card for a network of another shape.
 */
export function trainedEntry(files: Pick<TrainModel, 'steps' | 'accuracy'>, parameters: number): ModelEntry {
  return {
    name: `trained here (${files.steps} steps)`,
    path: 'trained-here/model.json',
    arch: 'live',
    testAccuracy: files.accuracy,
    parameters,
    weightBytes: parameters * 4,
    description: 'Trained from scratch in this page (Train mode)',
    rejectThreshold: null,
  };
}
