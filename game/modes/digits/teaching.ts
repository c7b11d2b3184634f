import { decodeReplay, REPLAY_PATH } from '../../../common/personal/replaySet.ts';
import { examplesNeeded, type Examples } from '../../../common/personal/examples.ts';
import { classifierFor, loadPersonalModel, nextFrame, removePersonalModel, savePersonalModel, weightShapes } from './platform/personalModelFiles.ts';
import { StorageProblem } from '../../shell/platform/personalStore.ts';
import { asTrainingSet } from '../../shell/state/personalExample.ts';
import { moreNeededMessage, parsePersonalNote, personalModelMismatch, taughtOn, type HeldOut, type PersonalModelNote } from '../../shell/state/personalModel.ts';
import { FramePacer } from './framePacer.ts';
import type { Messages } from '../../shell/messages.ts';
import type { Models } from '../../shell/models.ts';
import type { PersonalDigits } from '../../shell/personalDigits.ts';

/**
 * Teaching's work per animation frame, ms: a 60 Hz frame is 16.7 ms, and the game's own update and
 * render of the My digits screen (its progress bar) need the rest. A fast machine fits several
 * micro-batches in it, a slow one a single one.
 */
const TEACH_FRAME_BUDGET_MS = 12;

/** The personal model's note in PersonalStore's meta store. */
const NOTE_KEY = 'personalModel';

export interface TeachOutcome {
  /** what to tell the player */
  readonly message: string;
  /** from pressing Teach to the personal model playing (replay download included), ms; null when refused */
  readonly ms: number | null;
  readonly heldOut: HeldOut | null;
  /** teaching's main-thread work in each animation frame it ran in, ms, in order; [] when refused */
  readonly frameMs: readonly number[];
}

export interface TeachingOptions {
  readonly models: Models;
  readonly digits: PersonalDigits;
  readonly messages: Messages;
  readonly siteRoot: URL;
  readonly now: () => number;
  /** teaching's progress 0..1 after each step, null when it ends */
  progress(fraction: number | null): void;
  /** the model playing changed: the model label must be redrawn */
  modelChanged(): void;
}

/**
 * Teaching a personal model in the page: the replay set is fetched on the first Teach only, the
 * shared fine-tune (common/personal/fineTune.ts) runs its micro-batches a frame's budget at a time, the result
 * is saved with tfjs's IndexedDB handler and plays from then on; one call goes back to the base.
 */
export class Teaching {
  private replay: Promise<Examples> | null = null;
  private busy = false;

  constructor(private readonly options: TeachingOptions) {}

  teaching(): boolean {
    return this.busy;
  }

  async teach(): Promise<TeachOutcome> {
    const { models, digits, now } = this.options;
    const base = models.baseModel;
    if (base === null) return refused('The model is not loaded yet');
    if (this.busy) return refused('Already teaching');
    const own = asTrainingSet(digits.examples());
    const more = examplesNeeded(own.labels);
    if (more > 0) return refused(moreNeededMessage(more));
    this.busy = true;
    const start = now();
    try {
      this.options.progress(0);
      const replay = await this.replaySet();
      // all of tfjs and the base model as layers, which the first screen did without: fetched and
      // built before the frames are paced (the wait is the network's, not a frame's work)
      const baseModel = await base.classifier.layersModel();
      const { TF, teach } = await import('./platform/teachingTfjs.ts');
      const pacer = new FramePacer(now, TEACH_FRAME_BUDGET_MS, nextFrame);
      const result = await teach(TF, baseModel, own, replay, {}, async (done, total) => {
        this.options.progress(done / total);
        await pacer.partDone();
      });
      const frameMs = pacer.finish();
      const { n } = result.heldOut;
      const heldOut = { n, before: n === 0 ? 0 : result.heldOut.before, after: n === 0 ? 0 : result.heldOut.after };
      const note: PersonalModelNote = { base: base.entry.name, examples: own.labels.length, heldOut, at: Date.now() };
      // checked (finite weights and outputs) before it is saved: a model that cannot play is not kept
      const classifier = await classifierFor(result.model, await models.kernel);
      const kept = await this.keep(result.model, note);
      models.usePersonal(classifier, note);
      this.options.modelChanged();
      return { message: `Taught on your ${note.examples} digits${kept}`, ms: now() - start, heldOut, frameMs };
    } catch (error) {
      return refused(`Teaching failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy = false;
      this.options.progress(null);
    }
  }

  /** Back to the base model, for good: the saved personal model is forgotten (a kept trained network only stops playing). */
  async useBase(): Promise<string> {
    const { models } = this.options;
    if (models.personal === null) {
      if (models.loaded === models.baseModel) return 'The base model is already playing';
      // a network kept in the Train mode plays: back to the base, a saved personal model untouched
      models.useBase();
      this.options.modelChanged();
      return `Playing ${models.loaded?.entry.name ?? 'the base model'} again`;
    }
    // forgotten before the base plays: a reload as soon as the base shows must not bring the personal model back
    try {
      await removePersonalModel();
      await this.options.digits.storage()?.deleteMeta(NOTE_KEY).catch(() => undefined);
    } finally {
      models.useBase();
      this.options.modelChanged();
    }
    return `Playing ${models.loaded?.entry.name ?? 'the base model'} again`;
  }

  /**
   * After the base model loads: plays the saved personal model if it was taught from that base
   * (so ?model= still picks base models). A damaged one (unreadable, weights that are not numbers,
   * weights of another base than its note says) is skipped with a message and the base plays.
   */
  async restore(): Promise<void> {
    const { models, digits, messages } = this.options;
    await digits.ready;
    const store = digits.storage();
    const base = models.baseModel;
    if (store === null || base === null) return;
    let note: PersonalModelNote | null;
    try {
      const stored = await store.readMeta(NOTE_KEY);
      if (stored === undefined) return;
      note = parsePersonalNote(stored);
    } catch (error) {
      messages.add(error instanceof Error ? error.message : String(error));
      return;
    }
    if (note === null) {
      messages.add(`your personal model's note is damaged; playing ${base.entry.name}`);
      return;
    }
    if (note.base !== base.entry.name) return;
    try {
      const personal = await loadPersonalModel(await models.kernel);
      const model = await personal.layersModel();
      const mismatch = personalModelMismatch(note, model.getUserDefinedMetadata(), weightShapes(model), weightShapes(await base.classifier.layersModel()));
      if (mismatch !== null) {
        personal.dispose();
        messages.add(`your personal model ${mismatch}; playing ${base.entry.name}`);
        return;
      }
      models.usePersonal(personal, note);
      this.options.modelChanged();
    } catch (error) {
      messages.add(`${error instanceof Error ? error.message : String(error)}; playing ${base.entry.name}`);
    }
  }

  private async keep(model: Parameters<typeof savePersonalModel>[0], note: PersonalModelNote): Promise<string> {
    const store = this.options.digits.storage();
    if (store === null) return ' (for this visit only: storage unavailable)';
    try {
      await savePersonalModel(model, taughtOn(note));
      await store.writeMeta(NOTE_KEY, note);
      return '';
    } catch (error) {
      if (!(error instanceof StorageProblem)) throw error;
      return ` (${error.message})`;
    }
  }

  private replaySet(): Promise<Examples> {
    this.replay ??= fetch(new URL(REPLAY_PATH, this.options.siteRoot).href).then(async (response) => {
      if (!response.ok) throw new Error(`${REPLAY_PATH} could not be loaded (HTTP ${response.status})`);
      return decodeReplay(new Uint8Array(await response.arrayBuffer()));
    });
    // a failed download is tried again on the next Teach
    this.replay.catch(() => { this.replay = null; });
    return this.replay;
  }
}

function refused(message: string): TeachOutcome {
  return { message, ms: null, heldOut: null, frameMs: [] };
}
