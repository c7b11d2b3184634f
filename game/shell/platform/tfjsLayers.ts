/**
 * tfjs-layers, imported when first needed: the first screen reads with tfjs-core alone
 * (coreNetwork.ts), and tfjs-layers is a fifth of the code a first visit would otherwise download.
 * Models the player made (personal, kept from Train) and the screens that look into a model
 * (Inside, teaching) load it.
 */
export function tfjsLayers(): Promise<typeof import('@tensorflow/tfjs-layers')> {
  return import('@tensorflow/tfjs-layers');
}
