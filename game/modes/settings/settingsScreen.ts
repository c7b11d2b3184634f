import { describeRoundMs, type ChallengeSettings } from '../../shell/state/challengeConfig.ts';
import { saveSettings, stepSetting, type SavedSettings, type SettingField } from './state/savedSettings.ts';
import type { KeyValueStore } from '../../shell/state/scores.ts';
import { SettingsView } from './view/settingsView.ts';

export interface SettingsScreenOptions {
  readonly store: KeyValueStore | null;
  /** what storage held at start (the defaults if nothing) */
  readonly saved: SavedSettings;
  /** the settings in force: the saved ones with the link's query parameters over them */
  readonly effective: ChallengeSettings;
  /** sound was switched on or off (here, by key S or by a tools button) */
  soundChanged(muted: boolean): void;
  /** the challenge settings changed (the menu's note follows) */
  challengeChanged(settings: ChallengeSettings): void;
  back(): void;
}

const FIELDS: readonly { readonly field: SettingField; readonly name: string }[] = [
  { field: 'rounds', name: 'Rounds' },
  { field: 'seconds', name: 'Time per round' },
  { field: 'confidence', name: 'Confidence to win' },
];

/**
 * The settings screen's controller: the challenge settings and the sound switch in force, and what
 * is saved. A link's query parameters apply to this visit without being saved; a setting the player
 * changes here is saved (and wins over the link from then on in this visit).
 */
export class SettingsScreen {
  readonly view: SettingsView;
  private saved: SavedSettings;
  private effective: ChallengeSettings;

  constructor(private readonly options: SettingsScreenOptions) {
    this.saved = options.saved;
    this.effective = options.effective;
    this.view = new SettingsView(
      FIELDS.map(({ field, name }) => ({ name, decrease: () => { this.step(field, -1); }, increase: () => { this.step(field, 1); } })),
      { toggleSound: () => { this.toggleSound(); }, back: () => { options.back(); } },
    );
    this.show();
  }

  challenge(): ChallengeSettings {
    return this.effective;
  }

  muted(): boolean {
    return this.saved.muted;
  }

  toggleSound(): void {
    this.saved = { ...this.saved, muted: !this.saved.muted };
    saveSettings(this.options.store, this.saved);
    this.options.soundChanged(this.saved.muted);
    this.show();
  }

  private step(field: SettingField, direction: 1 | -1): void {
    const stepped = stepSetting(this.effective, field, direction);
    this.effective = Object.freeze(stepped);
    const keep = field === 'rounds' ? { rounds: stepped.rounds } : field === 'seconds' ? { roundMs: stepped.roundMs } : { confidence: stepped.confidence };
    this.saved = { ...this.saved, challenge: Object.freeze({ ...this.saved.challenge, ...keep }) };
    saveSettings(this.options.store, this.saved);
    this.options.challengeChanged(this.effective);
    this.show();
  }

  private show(): void {
    const { rounds, roundMs, confidence } = this.effective;
    this.view.show([String(rounds), describeRoundMs(roundMs), `${Math.round(confidence * 100)}%`], this.saved.muted);
  }
}
