import type { Container } from 'pixi.js';
import type { Screen } from '../../shell/screen.ts';
import type { Shell } from '../../shell/shell.ts';
import { describeRoundMs } from '../../shell/state/challengeConfig.ts';
import { keyAction } from '../../shell/state/modeKeys.ts';
import type { SettingField } from '../../shell/state/savedSettings.ts';
import { SettingsView } from './view/settingsView.ts';

/** Each setting's label, and what its – and + buttons are called to a screen reader (their captions are only signs). */
const FIELDS: readonly { readonly field: SettingField; readonly name: string; readonly fewer: string; readonly more: string }[] = [
  { field: 'rounds', name: 'Rounds', fewer: 'Fewer rounds', more: 'More rounds' },
  { field: 'seconds', name: 'Time per round', fewer: 'Fewer seconds per round', more: 'More seconds per round' },
  { field: 'confidence', name: 'Confidence to win', fewer: 'Lower confidence to win', more: 'Higher confidence to win' },
];

/** The settings screen: the challenge's settings and the sound switch, edited in the shell's GameSettings. */
export class SettingsScreen implements Screen {
  readonly animates = true;
  private readonly settingsView: SettingsView;
  private shownVersion = -1;

  constructor(private readonly shell: Shell) {
    const { settings } = shell;
    this.settingsView = new SettingsView(
      FIELDS.map(({ field, name, fewer, more }) => ({ name, fewer, more, decrease: () => { settings.step(field, -1); }, increase: () => { settings.step(field, 1); } })),
      { toggleSound: () => { settings.toggleSound(); }, back: () => { shell.host.dispatch({ type: 'back' }); } },
    );
    this.show();
  }

  get view(): Container {
    return this.settingsView;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseSettings' });
    return null;
  }

  layout(width: number, height: number): void {
    this.settingsView.resize(width, height);
  }

  tick(): boolean {
    if (this.shell.settings.version() === this.shownVersion) return false;
    this.show();
    return true;
  }

  handleKey(key: string): boolean {
    if (keyAction(this.shell.host.modeNow(), key) !== 'back') return false;
    this.shell.host.dispatch({ type: 'back' });
    return true;
  }

  private show(): void {
    const { settings } = this.shell;
    const { rounds, roundMs, confidence } = settings.challenge();
    this.shownVersion = settings.version();
    this.settingsView.show([String(rounds), describeRoundMs(roundMs), `${Math.round(confidence * 100)}%`], settings.muted());
  }
}
