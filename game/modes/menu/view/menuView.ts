import { Container } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { Scores } from '../../../shell/state/scores.ts';
import { computeMenuLayout } from '../layout/menuLayout.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { fitWidth, label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

export interface MenuEntry {
  readonly text: string;
  /** a short line under the button (its key, what it is), '' for none */
  readonly note: string;
  readonly onPress: () => void;
}

/** The data the shipped networks learned from, credited as their licences ask. */
const CREDITS = ['Digits: MNIST (LeCun, Cortes, Burges), CC BY-SA 3.0', 'pen handwriting: UNIPEN (Guyon et al.), CC BY 4.0'];

/** How many recent games the menu lists. */
const RECENT_SHOWN = 5;

/** The main screen: a title, one button per mode (an explicit list from the caller), best and recent scores. */
export class MenuView extends Container {
  private readonly title = label('strong', 36, COLORS.text, 'Handwritten digits');
  private readonly subtitle = label('body', 18, COLORS.muted, 'Draw digits and watch a neural network read them');
  private readonly buttons: ButtonView[];
  private readonly notes;
  private readonly best = label('strong', 18, COLORS.text);
  private readonly recent = label('body', 15, COLORS.muted);
  private readonly footer = label('body', 13, COLORS.warning);
  private readonly credits = label('body', 12, COLORS.faint);
  private readonly texts: readonly string[];
  private rects: readonly Rect[] = [];

  constructor(entries: readonly MenuEntry[]) {
    super();
    this.texts = entries.map((entry) => entry.text);
    this.buttons = entries.map((entry, i) =>
      new ButtonView(entry.text, i === 0 ? 'primary' : 'secondary', entry.onPress));
    this.notes = entries.map((entry) => label('body', 13, COLORS.muted, entry.note));
    for (const text of [this.title, this.subtitle, this.best, this.recent, ...this.notes]) {
      text.anchor.set(0.5, 0);
    }
    this.footer.anchor.set(0.5, 1);
    this.credits.anchor.set(0.5, 0.5);
    this.credits.style.align = 'center';
    this.addChild(this.title, this.subtitle, ...this.buttons, ...this.notes, this.best, this.recent, this.footer, this.credits);
    this.showScores({ best: 0, recent: [] });
  }

  showScores(scores: Scores): void {
    this.best.text = scores.best > 0 ? `Best challenge score  ${scores.best}` : 'No challenge played yet';
    const recent = scores.recent.slice(0, RECENT_SHOWN).map((game) => `${game.score} (${game.won}/${game.rounds})`);
    this.recent.text = recent.length === 0 ? '' : `Recent  ${recent.join('  ·  ')}`;
  }

  /** Entry i's note changed (the challenge's settings). */
  setNote(index: number, text: string): void {
    const note = this.notes[index];
    if (note !== undefined) note.text = text;
  }

  /** Each button's text and rectangle (canvas CSS pixels) as last laid out. */
  buttonRects(): readonly { readonly text: string; readonly rect: Rect }[] {
    return this.texts.flatMap((text, i) => {
      const rect = this.rects[i];
      return rect === undefined ? [] : [{ text, rect }];
    });
  }

  /** A line at the bottom: ignored query parameters, a model that could not load. */
  showMessage(text: string): void {
    this.footer.text = text;
  }

  resize(width: number, height: number): void {
    const layout = computeMenuLayout(width, height, this.buttons.length);
    const { unit } = layout;
    this.rects = layout.buttons;
    const centre = (rect: { x: number; width: number }): number => rect.x + rect.width / 2;
    this.title.style.fontSize = Math.min(unit * 3, layout.title.width / 11);
    this.title.position.set(centre(layout.title), layout.title.y);
    this.subtitle.style.fontSize = Math.min(unit * 1.5, layout.subtitle.width / 30);
    this.subtitle.position.set(centre(layout.subtitle), layout.subtitle.y);
    this.buttons.forEach((button, i) => {
      const rect = layout.buttons[i];
      if (rect !== undefined) button.setRect(rect, unit);
      const note = this.notes[i];
      if (rect !== undefined && note !== undefined) {
        note.style.fontSize = Math.max(11, unit * 1.05);
        // two columns are narrower than a note: it shrinks to its button's width rather than overlap the next
        if (note.width > rect.width) note.style.fontSize = Math.max(9, (note.style.fontSize * rect.width) / note.width);
        note.position.set(centre(rect), rect.y + rect.height + unit * 0.25);
      }
    });
    this.best.style.fontSize = unit * 1.5;
    this.best.position.set(centre(layout.scores), layout.scores.y + unit);
    this.recent.style.fontSize = Math.min(unit * 1.25, layout.scores.width / 36);
    this.recent.position.set(centre(layout.scores), layout.scores.y + unit * 3.4);
    // a long message (every model failing to load) wraps upwards from the bottom instead of running off the sides
    this.footer.style.fontSize = unit * 1.1;
    this.footer.style.wordWrap = true;
    this.footer.style.wordWrapWidth = layout.footer.width;
    this.footer.style.align = 'center';
    this.footer.position.set(centre(layout.footer), layout.footer.y + layout.footer.height);
    this.credits.text = layout.creditLines === 1 ? CREDITS.join(' · ') : CREDITS.join('\n');
    fitWidth(this.credits, Math.max(11, unit * 1.05), layout.credits.width, 7);
    this.credits.position.set(centre(layout.credits), layout.credits.y + layout.credits.height / 2);
  }
}
