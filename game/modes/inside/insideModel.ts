import type { InsideNetwork } from './platform/insideNetwork.ts';
import { fetchModelCard } from './platform/modelCardLoader.ts';
import type { LoadedModel } from '../../shell/platform/modelLoader.ts';
import type { NetworkShown } from './view/insideScreenView.ts';

/**
 * The Inside mode's view of the model in use: built once, the first time the mode is entered with
 * a model loaded (the multi-output model, its layers' names and the card fetched
 * from the model's metadata.json), so players who never open the mode pay nothing.
 */
export class InsideModel {
  private built: { readonly loaded: LoadedModel; readonly network: InsideNetwork } | null = null;
  private building: { readonly loaded: LoadedModel; readonly shown: Promise<NetworkShown> } | null = null;

  constructor(private readonly loaded: () => LoadedModel | null, private readonly modelsRoot: URL) {}

  network(): InsideNetwork | null {
    return this.built?.network ?? null;
  }

  /** Resolves with what to show once the network is ready; null while no model is loaded. */
  prepare(): Promise<NetworkShown | null> {
    const loaded = this.loaded();
    if (loaded === null) return Promise.resolve(null);
    if (this.building?.loaded === loaded) return this.building.shown;
    const shown = (async () => {
      // with tfjs-layers, which the first screen did without
      const { InsideNetwork: Network } = await import('./platform/insideNetwork.ts');
      const network = new Network(await loaded.classifier.layersModel());
      const card = await fetchModelCard(new URL(loaded.entry.path, this.modelsRoot).href, loaded.entry.name);
      this.built = { loaded, network };
      return {
        mapsLayers: network.mapsLayers, denseLayers: network.denseLayers, layerLines: network.layerLines, outputTitle: network.outputTitle,
        filter: (layer: number, map: number) => network.filter(layer, map), card,
      };
    })();
    this.building = { loaded, shown };
    return shown;
  }
}
