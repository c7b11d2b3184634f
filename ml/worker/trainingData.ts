import { decodeTrainingSet, TRAINING_SET_PATH, type TrainingSet } from '../../common/train/trainingSet.ts';

/**
 * Fetches and checks the Train mode's digits. The site's service worker keeps them once fetched, so
 * Train plays offline after its first visit. Errors say what the player can act on.
 */
export async function fetchTrainingSet(siteRoot: string): Promise<TrainingSet> {
  let response: Response;
  try {
    response = await fetch(new URL(TRAINING_SET_PATH, siteRoot).href);
  } catch {
    throw new Error('The training digits could not be downloaded (offline?)');
  }
  if (!response.ok) throw new Error(`The training digits could not be downloaded (HTTP ${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    return decodeTrainingSet(bytes);
  } catch (error) {
    throw new Error(`The training digits arrived damaged; open Train again to retry (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
