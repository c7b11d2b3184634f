import type { ChallengeSettings } from './state/challengeConfig.ts';
import { saveSettings, stepSetting, type SavedSettings, type SettingField } from './state/savedSettings.ts';
import type { KeyValueStore } from './state/scores.ts';

export interface GameSettingsOptions {
  readonly store: KeyValueStore | null;
  /** what storage held at start (the defaults if nothing) */
  readonly saved: SavedSettings;
  /** the settings in force: the saved ones with the link's query parameters over them */
  readonly effective: ChallengeSettings;
  /** sound was switched on or off (key S, a tools button, the settings screen) */
  soundChanged(muted: boolean): void;
}

/**
 * The challenge settings and the sound switch in force, and what is saved. A link's query
 * parameters apply to this visit without being saved; a setting the player changes is saved (and
 * wins over the link from then on in this visit). The settings screen edits them, the challenge and
 * the menu read them, so they live in the shell.
 */
export class GameSettings {
  private saved: SavedSettings;
  private effective: ChallengeSettings;
  private changes = 0;

  constructor(private readonly options: GameSettingsOptions) {
    this.saved = options.saved;
    this.effective = options.effective;
  }

  challenge(): ChallengeSettings {
    return this.effective;
  }

  muted(): boolean {
    return this.saved.muted;
  }

  /** Counts changes, so a view can redraw when it differs from the count it last drew. */
  version(): number {
    return this.changes;
  }

  toggleSound(): void {
    this.saved = { ...this.saved, muted: !this.saved.muted };
    saveSettings(this.options.store, this.saved);
    this.changes += 1;
    this.options.soundChanged(this.saved.muted);
  }

  step(field: SettingField, direction: 1 | -1): void {
    const stepped = stepSetting(this.effective, field, direction);
    this.effective = Object.freeze(stepped);
    const keep = field === 'rounds' ? { rounds: stepped.rounds } : field === 'seconds' ? { roundMs: stepped.roundMs } : { confidence: stepped.confidence };
    this.saved = { ...this.saved, challenge: Object.freeze({ ...this.saved.challenge, ...keep }) };
    saveSettings(this.options.store, this.saved);
    this.changes += 1;
  }
}
