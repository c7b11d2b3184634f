import { IMAGE_SIZE, inkImage } from '../../common/digit.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';
import { PersonalStore, StorageProblem } from './platform/personalStore.ts';
import { checkCorrection, savedMessage, type PersonalExample, type StoredExample } from './state/personalExample.ts';
import type { Prediction } from './state/prediction.ts';
import type { Messages } from './messages.ts';

/** What the player's correction refers to: a drawing and, if the model read it, its guess. */
export interface Drawing {
  /** IMAGE_SIZE x IMAGE_SIZE grid cells, 0..1 */
  readonly cells: Float32Array;
  readonly guess: number | null;
  readonly confidence: number | null;
}

/** Free draw's grid and the prediction shown for it, as a Drawing. */
export function drawingOf(cells: Float32Array, prediction: Prediction): Drawing {
  const guess = prediction.digit;
  return { cells, guess, confidence: guess === null ? null : prediction.probabilities[guess] ?? null };
}

/**
 * The player's saved digits: kept in IndexedDB through PersonalStore, mirrored here so screens read
 * them without waiting. Where storage cannot be used the game says so once and keeps new digits for
 * this visit only, so correcting and teaching still work.
 */
export class PersonalDigits {
  private store: PersonalStore | null = null;
  private saved: StoredExample[] = [];
  /** ids for examples kept in memory only: negative, so they never meet IndexedDB's */
  private nextMemoryId = -1;
  private readonly onChange: (() => void)[] = [];
  /** the saved digits are read (or storage failed) */
  readonly ready: Promise<void>;

  constructor(factory: IDBFactory | undefined, private readonly messages: Messages, private readonly now: () => number = Date.now) {
    this.ready = this.open(factory);
  }

  examples(): readonly StoredExample[] {
    return this.saved;
  }

  /** The database, null where storage cannot be used. */
  storage(): PersonalStore | null {
    return this.store;
  }

  /** `listener` runs after every change to the list. */
  listen(listener: () => void): void {
    this.onChange.push(listener);
  }

  /** Saves `drawing` as the digit `label` meant; resolves with whether it was and what to tell the player. */
  async correct(drawing: Drawing, label: number): Promise<{ readonly saved: boolean; readonly message: string }> {
    const normalised = centreLikeMnist(inkImage(IMAGE_SIZE, IMAGE_SIZE, drawing.cells));
    const verdict = checkCorrection({
      label,
      input: normalised.blank ? null : normalised.pixels,
      grid: drawing.cells,
      gridWidth: IMAGE_SIZE,
      gridHeight: IMAGE_SIZE,
      guess: drawing.guess,
      confidence: drawing.confidence,
    }, this.now());
    if (!verdict.ok) return { saved: false, message: verdict.message };
    await this.ready;
    const { stored, problem } = await this.keep(verdict.example);
    this.saved = [...this.saved, stored];
    this.changed();
    const message = savedMessage(label, drawing.guess);
    return { saved: true, message: problem === null ? message : `${message} (for this visit only: ${problem})` };
  }

  async remove(id: number): Promise<void> {
    if (id > 0) await this.store?.remove(id);
    this.saved = this.saved.filter((example) => example.id !== id);
    this.changed();
  }

  async clear(): Promise<void> {
    await this.store?.clear();
    this.saved = [];
    this.changed();
  }

  private async keep(example: PersonalExample): Promise<{ stored: StoredExample; problem: string | null }> {
    if (this.store !== null) {
      try {
        return { stored: await this.store.add(example), problem: null };
      } catch (error) {
        if (!(error instanceof StorageProblem)) throw error;
        return { stored: { ...example, id: this.nextMemoryId-- }, problem: error.message };
      }
    }
    return { stored: { ...example, id: this.nextMemoryId-- }, problem: 'storage unavailable' };
  }

  private async open(factory: IDBFactory | undefined): Promise<void> {
    try {
      const store = await PersonalStore.open(factory);
      const { examples, skipped } = await store.list();
      this.store = store;
      this.saved = [...examples];
      if (skipped > 0) this.messages.add(`${skipped} saved digit${skipped === 1 ? ' was' : 's were'} damaged and skipped`);
      this.changed();
    } catch (error) {
      this.messages.add(error instanceof StorageProblem ? `${error.message}; they are kept for this visit only` : `Your digits cannot be saved: ${String(error)}`);
    }
  }

  private changed(): void {
    for (const listener of this.onChange) listener();
  }
}
