import { KERNEL_PATH } from '../../common/kernelPath.ts';
import type { ClassifyBatch, VerifyBatch } from '../../common/segmentation/readNumber.ts';
import type { Classifier, Engine } from './platform/classifier.ts';
import { loadKernel } from './platform/kernels/kernelModule.ts';
import { KERNEL_ENGINE } from './platform/runner.ts';
import { configureTfjs, loadTfjs } from './platform/tfjsRuntime.ts';
import { fetchModelIndex, loadEntry, loadModel, loadPieceVerifier, type LoadedModel } from './platform/modelLoader.ts';
import type { ModelEntry, ModelIndex } from '../../common/modelIndex.ts';
import type { GameConfig } from './state/config.ts';
import { rendererLabel, type RendererName } from './state/rendererChoice.ts';
import { personalName, type PersonalModelNote } from './state/personalModel.ts';
import type { Messages } from './messages.ts';

export interface ModelsOptions {
  readonly config: GameConfig;
  /** the site's root URL: models/ and tfjs/ live under it */
  readonly siteRoot: URL;
  readonly messages: Messages;
  readonly now: () => number;
}

/** Model loading and its outcome: the digit model, the piece verifier, what reads them, when it was ready. */
export class Models {
  private digit: LoadedModel | null = null;
  /** the base model as loaded; `digit` is it or, once taught, the personal model built on it */
  private base: LoadedModel | null = null;
  private note: PersonalModelNote | null = null;
  private pieces: Classifier | null = null;
  private ready: number | null = null;
  private failed = false;
  private piecesReady: Promise<void> = Promise.resolve();
  private readonly batches = new WeakMap<Classifier, ClassifyBatch>();
  /** the digit model is loaded (rejects when no model could be) */
  readonly digitReady: Promise<void>;
  /** the piece verifier has loaded or failed to, after the digit model: from then on no model adds tensors */
  readonly allReady: Promise<void>;
  /** models/index.json as read (rejects when it cannot be) */
  readonly index: Promise<ModelIndex>;
  private readonly indexUrl: string;
  private readonly engine: Engine;

  /** Starts loading at once, so it overlaps Pixi's start: together they decide time-to-first-prediction. */
  constructor(options: ModelsOptions) {
    const { config, siteRoot } = options;
    this.indexUrl = new URL('models/index.json', siteRoot).href;
    configureTfjs(config.backend, new URL('tfjs/', siteRoot).href);
    // `?backend=` asks for a tfjs backend: then tfjs reads every model, as it did before the kernel
    const kernel = config.backend === null ? loadKernel(new URL(KERNEL_PATH, siteRoot).href) : Promise.resolve(null);
    this.engine = { kernel, tfjs: loadTfjs };
    this.index = fetchModelIndex(this.indexUrl);
    // awaited by load; if the index fails first, its own failure is the one reported
    this.index.catch(() => undefined);
    this.digitReady = this.load(options);
    this.digitReady.catch((error: unknown) => {
      this.failed = true;
      options.messages.add(`Could not load a model: ${error instanceof Error ? error.message : String(error)}`);
      console.error(error);
    });
    this.allReady = this.digitReady.then(() => this.piecesReady);
  }

  get loaded(): LoadedModel | null {
    return this.digit;
  }

  /** The base model playing or under the personal model (what teaching copies), null while loading. */
  get baseModel(): LoadedModel | null {
    return this.base;
  }

  /** The network kept from the Train mode while it plays (useTrained), else null: a screen that lists models (Compare) shows it. */
  get trained(): LoadedModel | null {
    return this.digit !== null && this.digit !== this.base && this.note === null ? this.digit : null;
  }

  /** The personal model's note while it plays, else null. */
  get personal(): PersonalModelNote | null {
    return this.note;
  }

  /**
   * Plays `classifier`, taught from the base model, from now on; named in the model label after
   * `note`. A personal or trained model that was playing before is disposed.
   */
  usePersonal(classifier: Classifier, note: PersonalModelNote): void {
    const base = this.base;
    if (base === null) throw new Error('no base model is loaded to build a personal model on');
    const previous = this.digit === base ? null : this.digit;
    this.digit = { classifier, entry: { ...base.entry, name: personalName(note), testAccuracy: null }, problems: [] };
    this.note = note;
    previous?.classifier.dispose();
  }

  /**
   * Plays `classifier`, a network trained from scratch in the page (the Train mode), from now on,
   * described by `entry` (its testAccuracy: held-out MNIST test digits read right). A personal or
   * trained model that was playing before is disposed; the base model stays loaded under it.
   */
  useTrained(classifier: Classifier, entry: ModelEntry): void {
    const base = this.base;
    if (base === null) throw new Error('no model is loaded yet');
    const previous = this.digit === base ? null : this.digit;
    this.digit = { classifier, entry, problems: [] };
    this.note = null;
    previous?.classifier.dispose();
  }

  /** Back to the base model (one click on My digits); the personal or trained model is disposed. */
  useBase(): void {
    const base = this.base;
    if (base === null || this.digit === base) return;
    const personal = this.digit;
    this.digit = base;
    this.note = null;
    personal?.classifier.dispose();
  }

  /** The game's kernel, for models built in the page (personal, trained) to be read as the shipped ones are; null where it cannot run or `?backend=` asks tfjs to read. */
  get kernel(): Promise<WebAssembly.Module | null> {
    return this.engine.kernel;
  }

  get verifier(): Classifier | null {
    return this.pieces;
  }

  /** What reads the playing model ("wasm-simd": the game's kernel; else tfjs's backend), null until one plays. */
  get backend(): string | null {
    return this.digit?.classifier.engine ?? null;
  }

  /** The digit model as the Number mode's batch classifier, null while none is loaded; the same
   * function while the same model plays, so the Number mode's piece cache lasts as long as the model. */
  classifyBatch(): ClassifyBatch | null {
    return this.digit === null ? null : this.batchOf(this.digit.classifier);
  }

  /** The piece verifier's batch function, null while none is loaded (or none exists). */
  verifyBatch(): VerifyBatch | null {
    return this.pieces === null ? null : this.batchOf(this.pieces);
  }

  private batchOf(classifier: Classifier): ClassifyBatch {
    let batch = this.batches.get(classifier);
    if (batch === undefined) {
      batch = (images) => classifier.classifyBatch(images);
      this.batches.set(classifier, batch);
    }
    return batch;
  }

  /** ms from navigation start until the first prediction was possible, null until then */
  get readyMs(): number | null {
    return this.ready;
  }

  /** The footer's model line, naming the renderer that draws. */
  label(renderer: RendererName): string {
    if (this.failed) return 'No model';
    if (this.digit === null) return 'Loading model…';
    const { name, testAccuracy } = this.digit.entry;
    const accuracy = testAccuracy === null ? 'MNIST test accuracy unknown' : `${(testAccuracy * 100).toFixed(2)}% MNIST test accuracy`;
    return `Model: ${name} · ${accuracy} · ${engineLabel(this.digit.classifier.engine)} · ${rendererLabel(renderer)}`;
  }

  /**
   * `entry` of the index as a classifier of its own, loaded now (the Compare mode's columns): the
   * caller owns it. The one playing is not loaded twice: ask `baseModel` first.
   */
  loadListed(entry: ModelEntry): Promise<Classifier> {
    return loadEntry(entry, this.indexUrl, this.engine);
  }

  private async load({ config, messages, now }: ModelsOptions): Promise<void> {
    const { indexUrl, engine } = this;
    // a forced backend is set up while the model downloads, and a fallback from it said
    const forced = config.backend === null ? null : engine.tfjs();
    forced?.catch(() => undefined);
    const index = await this.index;
    const loaded = await loadModel(index, indexUrl, config, engine);
    messages.add((await forced)?.backend.problem ?? null, ...loaded.problems);
    this.digit = loaded;
    this.base = loaded;
    this.ready = now();
    // After the digit model, so it never delays the first prediction: the Number mode reads with it.
    this.piecesReady = loadPieceVerifier(index, indexUrl, engine).then(
      (verifier) => {
        this.pieces = verifier;
      },
      (error: unknown) => {
        messages.add(`piece verifier could not be loaded (${error instanceof Error ? error.message : String(error)}); numbers are still read`);
      },
    );
  }
}

/** The model line's name for what reads: the game's kernel, or tfjs's backend. */
function engineLabel(engine: string): string {
  return engine === KERNEL_ENGINE ? 'WASM SIMD' : engine.toUpperCase();
}
