import type { Models } from '../../shell/models.ts';
import type { Classifier } from '../../shell/platform/classifier.ts';
import { columnSources, type ColumnSource } from './state/compareColumns.ts';

/**
 * The models the Compare mode reads with, loaded only when it opens (players who never open it
 * download nothing more). The model playing is never loaded twice: the shell's loaded base model
 * and personal model are used as they are; every other model of models/index.json is loaded once
 * through the shell's own loader and kept for the visit. A load that failed is tried again the next
 * time the mode opens.
 */
export class CompareModels {
  private readonly loads = new Map<string, Promise<Classifier>>();

  constructor(private readonly models: Models) {}

  /** The models there are now, in the index's order, then the personal or trained model when it plays. */
  async sources(): Promise<ColumnSource[]> {
    const { models } = this;
    // after the playing model, so it is reused and never loaded beside itself
    await models.digitReady.catch(() => undefined);
    const index = await models.index;
    const base = models.baseModel;
    const personal = models.personal === null || models.loaded === null || base === null ? null : { name: models.loaded.entry.name, base: base.entry };
    return columnSources(index.models, personal, models.trained?.entry ?? null);
  }

  /** `source`'s classifier: the shell's own when it is the model playing, else loaded (once) now. */
  classifier(source: ColumnSource): Promise<Classifier> {
    const { models } = this;
    if (source.kind === 'personal') {
      const loaded = models.personal === null ? null : models.loaded;
      return loaded === null ? Promise.reject(new Error('the personal model is no longer playing')) : Promise.resolve(loaded.classifier);
    }
    if (source.kind === 'trained') {
      const trained = models.trained;
      return trained === null ? Promise.reject(new Error('the trained network is no longer playing')) : Promise.resolve(trained.classifier);
    }
    const base = models.baseModel;
    if (base !== null && base.entry.name === source.entry.name) return Promise.resolve(base.classifier);
    let load = this.loads.get(source.entry.name);
    if (load === undefined) {
      load = models.loadListed(source.entry);
      this.loads.set(source.entry.name, load);
      load.catch(() => { this.loads.delete(source.entry.name); });
    }
    return load;
  }
}
