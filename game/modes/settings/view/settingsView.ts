import { Container } from 'pixi.js';
import { computeSettingsLayout } from '../layout/settingsLayout.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/** One setting as shown: its name, its value as text, and its two steps. */
export interface SettingEntry {
  readonly name: string;
  /** the – and + buttons' names to a screen reader ("Fewer rounds", "More rounds") */
  readonly fewer: string;
  readonly more: string;
  decrease(): void;
  increase(): void;
}

export interface SettingsActions {
  toggleSound(): void;
  back(): void;
}

/** The challenge settings screen: a row per setting with - and +, the sound switch, Back. */
export class SettingsView extends Container {
  private readonly title = label('strong', 30, COLORS.text, 'Challenge settings');
  private readonly names;
  private readonly values;
  private readonly steppers: ButtonView[][];
  private readonly sound: ButtonView;
  private readonly back: ButtonView;
  private readonly note = label('body', 13, COLORS.muted, 'saved on this device · a link\'s ?rounds= ?seconds= ?confidence= still win');

  constructor(private readonly entries: readonly SettingEntry[], actions: SettingsActions) {
    super();
    this.names = entries.map((entry) => label('body', 18, COLORS.text, entry.name));
    this.values = entries.map(() => label('strong', 20, COLORS.text));
    this.steppers = entries.map((entry) => [
      new ButtonView('–', 'secondary', () => { entry.decrease(); }, entry.fewer),
      new ButtonView('+', 'secondary', () => { entry.increase(); }, entry.more),
    ]);
    this.sound = new ButtonView('Sound: on', 'secondary', () => { actions.toggleSound(); });
    this.back = new ButtonView('Back to the menu', 'primary', () => { actions.back(); });
    for (const text of [...this.names]) text.anchor.set(0, 0.5);
    for (const text of [this.title, ...this.values]) text.anchor.set(0.5, 0.5);
    this.note.anchor.set(0.5, 0);
    this.addChild(this.title, ...this.names, ...this.values, ...this.steppers.flat(), this.sound, this.back, this.note);
  }

  /** `values[i]` is entry i's value as the player reads it ("15 s", "no limit", "90%"). */
  show(values: readonly string[], muted: boolean): void {
    this.values.forEach((text, i) => { text.text = values[i] ?? ''; });
    // the value is in the steppers' names, so a listener hears what a press changed, and what it is
    this.entries.forEach((entry, i) => {
      const [minus, plus] = this.steppers[i] ?? [];
      const now = `, now ${values[i] ?? ''}`;
      minus?.setAccessibleName(entry.fewer + now);
      plus?.setAccessibleName(entry.more + now);
    });
    this.sound.setLabel(muted ? 'Sound: off (S)' : 'Sound: on (S)');
  }

  resize(width: number, height: number): void {
    const l = computeSettingsLayout(width, height, this.entries.length);
    const { unit } = l;
    this.title.style.fontSize = Math.min(unit * 2.4, l.title.width / 12);
    this.title.position.set(l.title.x + l.title.width / 2, l.title.y + l.title.height / 2);
    l.rows.forEach((row, i) => {
      const name = this.names[i];
      const value = this.values[i];
      const [minus, plus] = this.steppers[i] ?? [];
      if (name === undefined || value === undefined || minus === undefined || plus === undefined) return;
      name.style.fontSize = Math.min(unit * 1.5, row.label.width / 9);
      name.position.set(row.label.x, row.label.y + row.label.height / 2);
      value.style.fontSize = Math.min(unit * 1.6, row.value.width / 5);
      value.position.set(row.value.x + row.value.width / 2, row.value.y + row.value.height / 2);
      minus.setRect(row.minus, unit);
      plus.setRect(row.plus, unit);
    });
    this.sound.setRect(l.sound, unit);
    this.back.setRect(l.back, unit);
    this.note.style.fontSize = Math.max(11, unit * 1.05);
    this.note.style.wordWrap = true;
    this.note.style.wordWrapWidth = l.note.width;
    this.note.style.align = 'center';
    this.note.position.set(l.note.x + l.note.width / 2, l.note.y);
  }
}
