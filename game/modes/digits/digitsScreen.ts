import type { Container } from 'pixi.js';
import type { ModeApi } from '../../shell/modeApi.ts';
import type { Screen } from '../../shell/screen.ts';
import type { Shell } from '../../shell/shell.ts';
import { countPerClass } from '../../../common/personal/examples.ts';
import { keyAction } from '../../shell/state/modeKeys.ts';
import { exportDigits } from './exportDigits.ts';
import { MyDigits } from './myDigits.ts';
import { Teaching } from './teaching.ts';

/** My digits: the player's saved corrections, and teaching a personal model from them. */
export class DigitsScreen implements Screen {
  readonly animates = true;
  private readonly teaching: Teaching;
  private readonly myDigits: MyDigits;

  constructor(private readonly shell: Shell) {
    const { models, personal } = shell;
    this.teaching = new Teaching({
      models,
      digits: personal,
      messages: shell.messages,
      siteRoot: shell.siteRoot,
      now: shell.now,
      progress: (fraction) => { this.myDigits.setProgress(fraction); },
      // free draw's model label follows by itself; the grid is read again by the new model
      modelChanged: () => {
        shell.reading.reread();
        this.myDigits.refresh();
      },
    });
    this.myDigits = new MyDigits({
      digits: personal,
      teaching: this.teaching,
      models,
      exportDigits: () => exportDigits(personal.examples()),
      menu: () => { shell.host.dispatch({ type: 'back' }); },
      invalidate: () => { shell.clock.invalidate(); },
    });
    // a personal model taught on an earlier visit plays once the base model is there
    models.digitReady.then(() => { void this.teaching.restore(); }, () => undefined);
  }

  get view(): Container {
    return this.myDigits.view;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseDigits' });
    return null;
  }

  enter(): void {
    this.myDigits.enter();
  }

  layout(width: number, height: number): void {
    this.myDigits.view.layout(width, height);
  }

  tick(): boolean {
    return false;
  }

  handleKey(key: string): boolean {
    if (keyAction(this.shell.host.modeNow(), key) !== 'back') return false;
    this.shell.host.dispatch({ type: 'back' });
    return true;
  }

  exposed(): Pick<ModeApi, 'personal' | 'teach'> {
    const { models, personal } = this.shell;
    return {
      personal: () => {
        const note = models.personal;
        const labels = Uint8Array.from(personal.examples(), (example) => example.label);
        return {
          examples: labels.length,
          perDigit: countPerClass(labels),
          personalModel: note === null ? null : models.loaded?.entry.name ?? null,
          heldOut: note === null ? null : note.heldOut,
          teaching: this.teaching.teaching(),
        };
      },
      teach: async () => {
        const { message, ms, frameMs } = await this.myDigits.teach();
        return { message, ms, frameMs };
      },
    };
  }
}
