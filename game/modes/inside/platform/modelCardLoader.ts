import { readModelCard, type ModelCard } from '../state/modelCard.ts';

/**
 * The card of the model at `modelUrl` (its model.json), from the metadata.json beside it. A model
 * without one (or with one that cannot be read) still gets a card, saying what was not recorded.
 */
export async function fetchModelCard(modelUrl: string, name: string): Promise<ModelCard> {
  try {
    const response = await fetch(new URL('metadata.json', modelUrl));
    return readModelCard(response.ok ? await response.json() : null, name);
  } catch {
    return readModelCard(null, name);
  }
}
