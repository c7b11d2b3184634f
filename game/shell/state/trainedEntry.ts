import type { ModelEntry } from '../../../common/modelIndex.ts';
import type { TrainModel } from '../../../common/train/protocol.ts';

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

/** What is kept with a network's weights: how far it was trained and how well it read the held-out digits. */
export interface KeptNote {
  readonly steps: number;
  /** 0..1 on the 1,000 held-out MNIST test digits, null if never measured */
  readonly accuracy: number | null;
}

/** The note saved with a kept network, read back; null when it is not one (damaged, or another program's). */
export function parseKeptNote(stored: unknown): KeptNote | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { steps, accuracy } = stored as Record<string, unknown>;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) return null;
  if (accuracy !== null && (typeof accuracy !== 'number' || !(accuracy >= 0 && accuracy <= 1))) return null;
  return { steps, accuracy };
}
