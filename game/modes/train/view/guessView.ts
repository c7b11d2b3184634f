import { Container, Graphics } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import type { TrainGuess } from '../state/trainGuess.ts';

/** The training network's reading of the player's drawing: the digit, how sure, and a bar per digit. */
export class GuessView extends Container {
  private readonly card = new Graphics();
  private readonly bars = new Graphics();
  private readonly caption = label('strong', 14, COLORS.muted, 'Its guess on your drawing');
  private readonly digit = label('display', 80, COLORS.text, '');
  private readonly sureness = label('body', 14, COLORS.muted, '');
  private readonly barDigits = Array.from({ length: 10 }, (_, d) => label('body', 12, COLORS.muted, String(d)));
  private barArea: Rect = { x: 0, y: 0, width: 1, height: 1 };

  constructor() {
    super();
    this.digit.anchor.set(0.5, 0.5);
    for (const d of this.barDigits) d.anchor.set(0.5, 0);
    this.addChild(this.card, this.bars, this.caption, this.digit, this.sureness, ...this.barDigits);
  }

  setRect(rect: Rect, unit: number): void {
    const pad = unit * 0.8;
    this.card.clear()
      .roundRect(rect.x, rect.y, rect.width, rect.height, unit * 0.8)
      .fill({ color: COLORS.card })
      .stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
    this.caption.style.fontSize = Math.max(13, unit * 1.1);
    this.caption.style.wordWrap = true;
    this.caption.style.wordWrapWidth = rect.width - 2 * pad;
    this.caption.position.set(rect.x + pad, rect.y + pad * 0.7);
    const below = this.caption.y + this.caption.height + unit * 0.4;
    // wide card: the digit on the left, the bars on the right; narrow card: the digit above the bars
    const wide = rect.width > rect.height * 1.6;
    const digitSize = Math.min(wide ? rect.height - (below - rect.y) - pad : (rect.height - (below - rect.y)) * 0.45, unit * 6);
    this.digit.style.fontSize = Math.max(24, digitSize);
    const digitBox = wide
      ? { x: rect.x + pad, y: below, width: digitSize * 1.2, height: rect.y + rect.height - pad - below }
      : { x: rect.x + pad, y: below, width: rect.width - 2 * pad, height: digitSize };
    this.digit.position.set(digitBox.x + digitBox.width / 2, digitBox.y + digitBox.height / 2 - unit * 0.6);
    this.sureness.style.fontSize = Math.max(12, unit);
    this.sureness.anchor.set(0.5, 0);
    this.sureness.position.set(digitBox.x + digitBox.width / 2, digitBox.y + digitBox.height - unit * 0.9);
    const labelHeight = Math.max(12, unit) * 1.3;
    this.barArea = wide
      ? { x: digitBox.x + digitBox.width + pad, y: below, width: rect.x + rect.width - pad - (digitBox.x + digitBox.width + pad), height: rect.y + rect.height - pad - labelHeight - below }
      : { x: rect.x + pad, y: digitBox.y + digitBox.height + unit * 1.2, width: rect.width - 2 * pad, height: rect.y + rect.height - pad - labelHeight - (digitBox.y + digitBox.height + unit * 1.2) };
    const column = this.barArea.width / 10;
    this.barDigits.forEach((text, d) => {
      text.style.fontSize = Math.max(12, unit * 0.95);
      text.position.set(this.barArea.x + column * (d + 0.5), this.barArea.y + this.barArea.height + 2);
    });
  }

  show(guess: TrainGuess | null, waiting: string): void {
    this.bars.clear();
    const { x, y, width, height } = this.barArea;
    const column = width / 10;
    for (let d = 0; d < 10; d++) this.bars.rect(x + column * d + column * 0.15, y, column * 0.7, height).fill({ color: COLORS.barTrack });
    if (guess === null) {
      this.digit.text = '';
      this.sureness.text = waiting;
      return;
    }
    this.digit.text = String(guess.digit);
    this.digit.tint = guess.sure ? COLORS.sure : COLORS.unsure;
    this.sureness.text = `${Math.round(guess.confidence * 100)}% sure`;
    guess.probabilities.forEach((p, d) => {
      const h = Math.max(1, p * height);
      this.bars.rect(x + column * d + column * 0.15, y + height - h, column * 0.7, h).fill({ color: d === guess.digit ? (guess.sure ? COLORS.sure : COLORS.unsure) : COLORS.accent });
    });
  }
}
