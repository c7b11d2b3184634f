import { Container, Graphics, type BitmapText } from 'pixi.js';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import { fitWidth, label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { detailLines, type CompareColumn } from '../state/compareColumns.ts';
import { captionFor } from '../state/compareVerdict.ts';

/**
 * One model's card: its name and what it is, its guess large with how sure it is (or why it has
 * none: loading, not a digit, could not be loaded), and a small bar per digit. A tall card stacks
 * these; a wide one (phones) puts the text left, the digit in the middle and the bars right.
 */
export class ModelColumnView extends Container {
  private readonly card = new Graphics();
  private readonly bars = new Graphics();
  private readonly heading = label('strong', 16, COLORS.text);
  private readonly detail = label('body', 12, COLORS.muted);
  private readonly digit = label('display', 80, COLORS.faint, '–');
  private readonly caption = label('body', 14, COLORS.muted);
  private readonly barDigits: BitmapText[] = [];
  private column: CompareColumn | null = null;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private unit = 10;
  /** the bars' area, set by layout */
  private barArea: Rect = { x: 0, y: 0, width: 1, height: 1 };

  constructor() {
    super();
    this.digit.anchor.set(0.5, 0.5);
    this.addChild(this.card, this.bars, this.heading, this.detail, this.digit, this.caption);
    for (let d = 0; d < NUM_CLASSES; d++) {
      const text = label('body', 11, COLORS.faint, String(d));
      text.anchor.set(0.5, 0);
      this.barDigits.push(text);
      this.addChild(text);
    }
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    this.layoutParts();
  }

  show(column: CompareColumn): void {
    this.column = column;
    this.heading.text = column.source.name;
    this.detail.text = detailLines(column.source).join('\n');
    const { prediction, status } = column;
    const answered = status === 'ready' && !prediction.blank;
    this.digit.text = !answered ? '–' : prediction.digit === null ? '?' : String(prediction.digit);
    const colour = !answered ? COLORS.faint : prediction.digit === null || prediction.unsure ? COLORS.unsure : COLORS.text;
    this.digit.tint = colour;
    this.caption.text = captionFor(column);
    this.caption.tint = status === 'failed' ? COLORS.warning : !answered ? COLORS.muted : prediction.digit === null || prediction.unsure ? COLORS.unsure : COLORS.sure;
    this.layoutParts();
  }

  /** The card's rectangle, canvas CSS pixels. */
  area(): Rect {
    return this.rect;
  }

  private layoutParts(): void {
    const { x, y, width, height } = this.rect;
    const unit = this.unit;
    const pad = unit * 0.9;
    this.card.clear().roundRect(x, y, width, height, unit)
      .fill({ color: COLORS.card }).stroke({ color: this.column?.status === 'failed' ? COLORS.warning : COLORS.cardEdge, width: 1.5, alignment: 1 });
    const textSize = Math.max(12, unit * 0.85);
    const headingSize = Math.max(14, unit * 1.2);
    this.caption.style.fontSize = Math.max(13, unit * 1.0);
    const wide = width > height * 2;
    const textWidth = wide ? width * 0.42 - pad : width - 2 * pad;
    // a long name ("trained here (387 steps)", "default + your 37 digits") shrinks rather than spill off the card
    fitWidth(this.heading, headingSize, textWidth);
    fitWidth(this.detail, textSize, textWidth);
    // a failure names a file: a path longer than the card breaks where it must
    this.caption.style.wordWrap = true;
    this.caption.style.breakWords = true;
    this.caption.style.wordWrapWidth = textWidth;
    this.heading.position.set(x + pad, y + pad * 0.8);
    this.detail.position.set(x + pad, this.heading.y + headingSize * 1.45);
    // two lines, whatever they say, so every card's digit sits at the same height
    const detailBottom = this.detail.y + textSize * 1.45 * 2;
    const failed = this.column?.status === 'failed';
    // a failed model has no digit to show: its reason takes the digit's room
    this.digit.visible = !failed;
    if (wide) {
      // text left, digit in the middle, bars right
      const digitWidth = Math.min(height - pad, width * 0.16);
      const barsX = x + width * 0.42 + digitWidth + pad;
      // a failed row has no answer to show: its reason takes the place of the lines and the bars
      this.detail.visible = !failed;
      if (failed) this.caption.style.wordWrapWidth = width - 2 * pad;
      this.caption.position.set(x + pad, failed ? this.detail.y : detailBottom + textSize * 0.3);
      this.digit.style.fontSize = height * 0.72;
      this.digit.position.set(x + width * 0.42 + digitWidth / 2, y + height / 2);
      this.barArea = failed ? { x: 0, y: 0, width: 0, height: 0 } : { x: barsX, y: y + pad, width: x + width - pad - barsX, height: height - 2 * pad };
    } else {
      this.detail.visible = true;
      const barsHeight = Math.min(height * 0.3, unit * 8);
      const barsY = y + height - pad - barsHeight;
      const captionHeight = this.caption.height;
      // the digit and its caption, as one block, centred between the lines above and the bars
      const room = barsY - detailBottom - unit;
      const digitSize = Math.max(unit * 2, Math.min(room - captionHeight - unit * 0.5, width * 0.6));
      const top = detailBottom + (room - digitSize - unit * 0.5 - captionHeight) / 2;
      this.digit.style.fontSize = digitSize;
      this.digit.position.set(x + width / 2, top + digitSize / 2);
      this.caption.position.set(x + (width - Math.min(this.caption.width, textWidth)) / 2, failed ? detailBottom + unit : top + digitSize + unit * 0.5);
      this.barArea = { x: x + pad, y: barsY, width: width - 2 * pad, height: barsHeight };
    }
    this.drawBars();
  }

  /** A column per digit, its height the model's probability; the digit's label under it. */
  private drawBars(): void {
    const { x, y, width, height } = this.barArea;
    const labelSize = Math.max(11, Math.min(this.unit * 1.1, width / NUM_CLASSES * 0.7));
    const step = width / NUM_CLASSES;
    const thickness = Math.max(3, step * 0.55);
    const span = Math.max(1, height - labelSize * 1.3);
    const prediction = this.column?.status === 'ready' ? this.column.prediction : null;
    this.bars.clear();
    for (const text of this.barDigits) text.visible = width > 0;
    if (width === 0) return;
    for (let d = 0; d < NUM_CLASSES; d++) {
      const across = x + step * (d + 0.5) - thickness / 2;
      this.bars.rect(across, y, thickness, span).fill({ color: COLORS.barTrack });
      const p = prediction?.probabilities[d] ?? 0;
      const winner = prediction !== null && prediction.digit === d;
      if (p * span >= 1) {
        this.bars.rect(across, y + span - p * span, thickness, p * span)
          .fill({ color: winner ? (prediction.unsure ? COLORS.unsure : COLORS.sure) : COLORS.accent, alpha: winner ? 1 : 0.6 });
      }
      const text = this.barDigits[d];
      if (text === undefined) continue;
      text.style.fontSize = labelSize;
      text.position.set(x + step * (d + 0.5), y + span + labelSize * 0.15);
      text.tint = winner ? COLORS.text : COLORS.faint;
    }
  }
}
