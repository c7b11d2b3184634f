import { byLabel } from '../../shell/state/personalExample.ts';
import { examplesNeeded } from '../../../common/personal/examples.ts';
import { heldOutLine, savedLine } from '../../shell/state/personalModel.ts';
import { MyDigitsScreenView } from './view/myDigitsScreenView.ts';
import type { Models } from '../../shell/models.ts';
import type { PersonalDigits } from '../../shell/personalDigits.ts';
import type { Teaching } from './teaching.ts';

export interface MyDigitsOptions {
  readonly digits: PersonalDigits;
  readonly teaching: Teaching;
  readonly models: Models;
  /** downloads the saved digits as an IDX pair; resolves with what to tell the player */
  exportDigits(): Promise<string>;
  menu(): void;
  /** something on the screen changed: render */
  invalidate(): void;
}

/**
 * The My digits screen's controller: which thumbnail is selected, the status line, Clear all's
 * second press, and the buttons turned into calls on PersonalDigits and Teaching.
 */
export class MyDigits {
  readonly view: MyDigitsScreenView;
  private selected: number | null = null;
  private progress: number | null = null;
  private status = '';
  private clearArmed = false;

  constructor(private readonly options: MyDigitsOptions) {
    this.view = new MyDigitsScreenView({
      menu: () => { options.menu(); },
      teach: () => void this.teach(),
      base: () => { this.run(options.teaching.useBase()); },
      export: () => { this.run(options.exportDigits()); },
      delete: () => { this.deleteSelected(); },
      clear: () => { this.clear(); },
      select: (id) => {
        this.selected = this.selected === id ? null : id;
        this.refresh();
      },
    });
    // a message about the list as it was (Save 2 more…, Deleted) is wrong once it changes; an
    // action's own outcome is said after its change, so it still shows
    options.digits.listen(() => { this.say(''); });
  }

  /** Entering the screen: messages from an earlier visit are stale. */
  enter(): void {
    this.say('');
  }

  /** Teaches (the button, and window.handwrittenDigits.teach()); the outcome shows on the status line. */
  async teach(): Promise<Awaited<ReturnType<Teaching['teach']>>> {
    this.say('Teaching…');
    const outcome = await this.options.teaching.teach();
    this.say(outcome.message);
    return outcome;
  }

  /** Teaching's progress 0..1, null when done. */
  setProgress(fraction: number | null): void {
    this.progress = fraction;
    this.refresh();
  }

  /** Redraws from the current examples and model (called on every change and on entering the screen). */
  refresh(): void {
    const examples = this.options.digits.examples();
    if (this.selected !== null && !examples.some((example) => example.id === this.selected)) this.selected = null;
    const note = this.options.models.personal;
    const name = this.options.models.loaded?.entry.name ?? 'loading';
    const needed = examplesNeeded(Uint8Array.from(examples, (example) => example.label));
    const modelLine = `${savedLine(examples.length, needed)} · playing ${name}`;
    const accuracyLine = note === null ? '' : heldOutLine(note.heldOut);
    this.view.show({ rows: byLabel(examples), selected: this.selected, progress: this.progress, modelLine, accuracyLine, statusLine: this.status });
    this.options.invalidate();
  }

  private deleteSelected(): void {
    const id = this.selected;
    if (id === null) {
      this.say('Click a digit to select it, then Delete');
      return;
    }
    this.run(this.options.digits.remove(id).then(() => 'Deleted'));
  }

  private clear(): void {
    const count = this.options.digits.examples().length;
    if (count === 0) {
      this.say('Nothing saved yet');
      return;
    }
    if (!this.clearArmed) {
      this.clearArmed = true;
      this.say(`Press Clear all again to delete all ${count} digits`);
      return;
    }
    this.run(this.options.digits.clear().then(() => `Deleted all ${count} digits`));
  }

  private run(work: Promise<string>): void {
    work.then((message) => { this.say(message); }, (error: unknown) => { this.say(error instanceof Error ? error.message : String(error)); });
  }

  private say(message: string): void {
    this.status = message;
    this.clearArmed = this.clearArmed && message.startsWith('Press Clear all');
    this.refresh();
  }
}
