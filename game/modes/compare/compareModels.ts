import type { ModelEntry } from '../../../common/modelIndex.ts';
import type { Models } from '../../shell/models.ts';
import type { Classifier } from '../../shell/platform/classifier.ts';
import { loadKeptModel } from '../../shell/platform/keptModel.ts';
import { trainedEntry } from '../../shell/state/trainedEntry.ts';
import { columnSources, type ColumnSource } from './state/compareColumns.ts';

/** The network kept from Train on an earlier visit, as Compare shows it: loaded, or why it could not be. */
type Kept = { readonly classifier: Classifier; readonly entry: ModelEntry } | { readonly problem: string; readonly entry: ModelEntry };

/** How the card of a kept network that could not be read is headed (its note would name it). */
const UNREADABLE_KEPT: ModelEntry = { ...trainedEntry({ steps: 0, accuracy: null }, 0), name: 'trained here (kept)' };

/**
 * The models the Compare mode reads with, loaded only when it opens (players who never open it
 * download nothing more). The model playing is never loaded twice: the shell's loaded base model
 * and personal model are used as they are; every other model of models/index.json is loaded once
 * through the shell's own loader and kept for the visit. A load that failed is tried again the next
 * time the mode opens. The network kept from Train on an earlier visit (saved in IndexedDB) is read
 * back once, and shown while no network trained on this visit plays.
 */
export class CompareModels {
  private readonly loads = new Map<string, Promise<Classifier>>();
  private kept: Promise<Kept | null> | null = null;

  constructor(private readonly models: Models) {}

  /** The models there are now, in the index's order, then the personal or trained model when it plays. */
  async sources(): Promise<ColumnSource[]> {
    const { models } = this;
    // after the playing model, so it is reused and never loaded beside itself
    await models.digitReady.catch(() => undefined);
    const index = await models.index;
    const base = models.baseModel;
    const personal = models.personal === null || models.loaded === null || base === null ? null : { name: models.loaded.entry.name, base: base.entry };
    const trained = models.trained?.entry ?? (await this.keptNetwork())?.entry ?? null;
    return columnSources(index.models, personal, trained);
  }

  /** The network kept on an earlier visit, read back from IndexedDB the first time it is asked for; null when none was kept. */
  private keptNetwork(): Promise<Kept | null> {
    this.kept ??= this.models.kernel.then(loadKeptModel).then(
      async (kept) => kept === null ? null : { classifier: kept.classifier, entry: trainedEntry(kept.note, (await kept.classifier.layersModel()).countParams()) },
      (error: unknown) => ({ problem: error instanceof Error ? error.message : String(error), entry: UNREADABLE_KEPT }),
    );
    return this.kept;
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
      if (trained !== null) return Promise.resolve(trained.classifier);
      return this.keptNetwork().then((kept) => {
        if (kept === null) throw new Error('the trained network is no longer here');
        if ('problem' in kept) throw new Error(kept.problem);
        return kept.classifier;
      });
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
