import { Container, Graphics, Sprite } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { RoundResult, SummaryMode } from '../../../shell/state/modes.ts';
import { computeSummaryLayout, type SummaryLayout } from '../layout/summaryLayout.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { InkTexture } from '../../../shell/view/inkTexture.ts';
import { PressableView } from '../../../shell/view/pressable.ts';
import { fitWidth, label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/** What a screen reader says for a round's card: the same facts the card shows. */
export function describeRound(result: RoundResult, index: number): string {
  const { seen } = result;
  const saw = seen === null ? 'nothing drawn' : `saw ${seen.guess.digit} at ${Math.round(seen.guess.confidence * 100)}%`;
  const outcome = result.won ? `won in ${(result.ms / 1000).toFixed(1)} s, plus ${result.points} points` : 'time out, no points';
  return `Round ${index}: asked ${result.target}, ${saw}, ${outcome}`;
}

/**
 * One round of the summary. A card with a drawing is pressed (click, tap, or Enter through the DOM
 * mirror) to choose the drawing a digit key then corrects; one without is still reached, to be heard.
 */
class RoundCard extends PressableView {
  private readonly frame = new Graphics();
  private readonly ink: InkTexture | null;
  private readonly thumbnail: Sprite | null;
  private readonly empty = label('body', 12, COLORS.faint, 'nothing drawn');
  private readonly number = label('strong', 12, COLORS.muted);
  private readonly asked = label('strong', 14, COLORS.text);
  private readonly saw = label('body', 12, COLORS.muted);
  private readonly time = label('body', 12, COLORS.muted);

  private readonly highlight = new Graphics();
  private box: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private selected = false;
  private readonly spokenName: string;

  constructor(private readonly result: RoundResult, index: number, gridWidth: number, gridHeight: number, private readonly onPress: () => void) {
    super();
    this.spokenName = describeRound(result, index);
    if (result.seen !== null) {
      this.eventMode = 'static';
      this.cursor = 'pointer';
      this.on('pointertap', onPress);
    }
    const seen = result.seen;
    this.ink = seen === null ? null : new InkTexture(gridWidth, gridHeight, COLORS.paper, COLORS.ink);
    if (this.ink !== null && seen !== null) this.ink.paint(seen.drawing);
    this.thumbnail = this.ink === null ? null : new Sprite(this.ink.texture);
    this.number.text = `${index}`;
    this.asked.text = `Asked ${result.target}`;
    this.saw.text = seen === null
      ? 'saw nothing'
      : `saw ${seen.guess.digit} · ${Math.round(seen.guess.confidence * 100)}%`;
    this.saw.tint = seen !== null && seen.guess.digit === result.target ? COLORS.sure : COLORS.muted;
    this.time.text = result.won ? `${(result.ms / 1000).toFixed(1)} s · +${result.points}` : 'time out · 0';
    this.time.tint = result.won ? COLORS.text : COLORS.warning;
    for (const text of [this.empty, this.asked, this.saw, this.time]) text.anchor.set(0.5, 0);
    this.empty.anchor.set(0.5);
    this.addChild(this.frame, ...(this.thumbnail === null ? [this.empty] : [this.thumbnail]));
    this.addChild(this.number, this.asked, this.saw, this.time, this.highlight);
  }

  get accessibleName(): string {
    return this.spokenName;
  }

  get accessibleDescription(): string {
    return this.result.seen === null ? '' : 'press to choose it, then the digit you meant';
  }

  /** Only a round with a drawing has one to correct. */
  get isEnabled(): boolean {
    return this.result.seen !== null;
  }

  get isSelected(): boolean | null {
    return this.isEnabled ? this.selected : null;
  }

  bounds(): Rect {
    return this.box;
  }

  press(): void {
    if (this.isEnabled) this.onPress();
  }

  /** The round 0-9 would correct wears an accent ring. */
  setSelected(selected: boolean): void {
    this.selected = selected;
    const { x, y, width, height } = this.box;
    this.highlight.clear();
    if (selected) this.highlight.roundRect(x - 3, y - 3, width + 6, height + 6, 8).stroke({ color: COLORS.accent, width: 3, alignment: 0 });
  }

  setRect(x: number, y: number, width: number, unit: number): void {
    const pad = Math.max(3, width * 0.06);
    const side = width - 2 * pad;
    const textSize = Math.max(10, Math.min(unit * 1.2, width / 9));
    const height = width * 1.55;
    this.box = { x, y, width, height };
    const edge = this.result.won ? COLORS.sure : COLORS.warning;
    this.frame.clear()
      .roundRect(x, y, width, height, pad * 1.5)
      .fill({ color: COLORS.card })
      .stroke({ color: edge, width: 2, alignment: 1 })
      .rect(x + pad, y + pad, side, side).fill({ color: COLORS.paper });
    this.thumbnail?.position.set(x + pad, y + pad);
    this.thumbnail?.setSize(side, side);
    this.empty.style.fontSize = textSize;
    this.empty.position.set(x + width / 2, y + pad + side / 2);
    this.number.style.fontSize = textSize * 0.9;
    this.number.position.set(x + pad * 1.6, y + pad * 1.3);
    const cx = x + width / 2;
    let ty = y + pad + side + pad * 0.8;
    for (const [text, scale] of [[this.asked, 1.15], [this.saw, 1], [this.time, 1]] as const) {
      text.style.fontSize = textSize * scale;
      text.position.set(cx, ty);
      ty += textSize * scale * 1.35;
    }
  }

  release(): void {
    this.ink?.destroy();
  }
}


/**
 * The end of a challenge: one card per round (the drawing the model last saw, the digit asked for,
 * what the model read and how sure it was, the time taken and the points), the total and the best
 * score, and Play again / Back. Built for one SummaryMode and destroyed with it.
 */
export class SummaryView extends Container {
  private readonly title = label('strong', 30, COLORS.text);
  private readonly score = label('body', 18, COLORS.muted);
  private readonly status = label('body', 16, COLORS.text);
  private readonly cards: RoundCard[];
  /** "I meant" 0-9 for the selected round, by tap or click as well as by key; none when nothing was drawn */
  private readonly digits: readonly ButtonView[];
  private readonly playAgain: ButtonView;
  private readonly back: ButtonView;
  private readonly scoreText: string;
  private layout: SummaryLayout | null = null;
  /** the round whose drawing 0-9 saves ("I meant this digit"), an index into results; null when nothing was drawn */
  private selected: number | null;

  /**
   * `best`: the best score including this game; `newBest`: this game beat the previous best.
   * `gridWidth x gridHeight`: the size of the drawings in the results (the challenge grid's).
   */
  constructor(
    private readonly summary: SummaryMode,
    best: number,
    newBest: boolean,
    gridWidth: number,
    gridHeight: number,
    actions: {
      readonly playAgain: () => void;
      readonly back: () => void;
      readonly selected: (index: number) => void;
      /** the player named the digit they meant for the selected round */
      readonly meant: (digit: number) => void;
    },
  ) {
    super();
    const won = summary.results.filter((r) => r.won).length;
    const perfect = won === summary.results.length;
    this.title.text = newBest ? 'New best score!' : perfect ? 'Perfect game!' : 'Challenge over';
    if (newBest) this.title.tint = COLORS.sure;
    this.scoreText = `Score ${summary.score}  ·  Best ${best}  ·  ` +
      `${won} of ${summary.results.length} recognised`;
    // a misread round is the one most worth correcting
    const drawn = summary.results.findIndex((r) => r.seen !== null);
    const missed = summary.results.findIndex((r) => r.seen !== null && !r.won);
    this.selected = missed >= 0 ? missed : drawn >= 0 ? drawn : null;
    this.title.anchor.set(0.5, 0);
    this.score.anchor.set(0.5, 0);
    this.status.anchor.set(0.5);
    this.cards = summary.results.map((result, i) => new RoundCard(result, i + 1, gridWidth, gridHeight, () => {
      this.select(i);
      actions.selected(i + 1);
    }));
    this.setStatus(this.selected === null ? '' : 'Choose a round, then the digit you meant');
    this.digits = this.selected === null ? [] : Array.from({ length: 10 }, (_, digit) =>
      new ButtonView(String(digit), 'secondary', () => { actions.meant(digit); }, `I meant ${digit}`));
    this.playAgain = new ButtonView('Play again', 'primary', actions.playAgain);
    this.back = new ButtonView('Back', 'secondary', actions.back);
    this.score.text = this.scoreText;
    this.addChild(this.title, this.score, ...this.cards, this.status, ...this.digits, this.playAgain, this.back);
  }

  /** The selected round (a drawn one), null when no round had a drawing. */
  selectedRound(): RoundResult | null {
    return this.selected === null ? null : this.summary.results[this.selected] ?? null;
  }

  /** The selected round's index in the summary's results, null when none is selected. */
  selectedIndex(): number | null {
    return this.selected;
  }

  /** The line above the digit buttons: the hint, then what became of the last correction ("Saved as a 4"). */
  setStatus(text: string): void {
    this.status.text = text;
    this.fitStatus();
  }

  private fitStatus(): void {
    if (this.layout === null) return;
    const { status, unit } = this.layout;
    fitWidth(this.status, unit * 1.4, status.width);
    this.status.position.set(status.x + status.width / 2, status.y + status.height / 2);
  }

  private select(index: number): void {
    const result = this.summary.results[index];
    if (result === undefined || result.seen === null) return;
    this.selected = index;
    this.cards.forEach((card, i) => { card.setSelected(i === index); });
  }

  resize(width: number, height: number): void {
    const layout = computeSummaryLayout(width, height, this.summary.results.length, this.digits.length > 0);
    this.layout = layout;
    const { unit } = layout;
    fitWidth(this.title, unit * 2.4, layout.title.width);
    this.title.position.set(layout.title.x + layout.title.width / 2, layout.title.y);
    fitWidth(this.score, unit * 1.5, layout.score.width);
    this.score.position.set(layout.score.x + layout.score.width / 2, layout.score.y + unit * 0.3);
    this.fitStatus();
    this.cards.forEach((card, i) => {
      const rect = layout.cards[i];
      if (rect !== undefined) card.setRect(rect.x, rect.y, rect.width, unit);
      card.setSelected(i === this.selected);
    });
    this.digits.forEach((button, digit) => {
      const rect = layout.digits[digit];
      if (rect !== undefined) button.setRect(rect, unit);
    });
    this.playAgain.setRect(layout.playAgain, unit);
    this.back.setRect(layout.back, unit);
  }

  override destroy(): void {
    for (const card of this.cards) card.release();
    super.destroy({ children: true });
  }
}
