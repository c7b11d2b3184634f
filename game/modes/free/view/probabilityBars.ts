import { Container, Graphics, Rectangle, type BitmapText, type FederatedPointerEvent } from 'pixi.js';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { Prediction } from '../../../shell/state/prediction.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/** Fraction of the gap to the target closed per 60 Hz frame: bars glide instead of jumping. */
const EASE_PER_FRAME = 0.35;

/** One row per digit: the digit, a bar of its probability and the percentage. */
export class ProbabilityBarsView extends Container {
  private readonly bars = new Graphics();
  private readonly digits: BitmapText[] = [];
  private readonly percents: BitmapText[] = [];
  private readonly shown = new Array<number>(NUM_CLASSES).fill(0);
  private target: Prediction | null = null;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  /** the tracks' area inside `rect`, between the digit column and the percentages */
  private barArea: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private unit = 10;

  /** `onPick`: a bar (its row or column) was clicked or tapped, with its digit */
  constructor(onPick: ((digit: number) => void) | null = null) {
    super();
    this.addChild(this.bars);
    if (onPick !== null) {
      this.eventMode = 'static';
      this.cursor = 'pointer';
      this.on('pointertap', (event: FederatedPointerEvent) => {
        const digit = this.digitAt(event.getLocalPosition(this));
        if (digit !== null) onPick(digit);
      });
    }
    for (let d = 0; d < NUM_CLASSES; d++) {
      const digit = label('strong', 16, COLORS.muted, String(d));
      const percent = label('body', 13, COLORS.faint, '');
      digit.anchor.set(0.5, 0.5);
      percent.anchor.set(1, 0.5);
      this.digits.push(digit);
      this.percents.push(percent);
      this.addChild(digit, percent);
    }
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    // the whole area picks, not only the drawn bars and labels
    if (this.eventMode === 'static') this.hitArea = new Rectangle(rect.x, rect.y, rect.width, rect.height);
    this.redraw();
  }

  show(prediction: Prediction): void {
    this.target = prediction;
    this.redraw();
  }

  /** Advances the easing; `frames` is elapsed time in 60 Hz frames. Returns whether bars moved. */
  tick(frames: number): boolean {
    const target = this.target;
    if (target === null) return false;
    const keep = Math.pow(1 - EASE_PER_FRAME, frames);
    let moving = false;
    for (let d = 0; d < NUM_CLASSES; d++) {
      const goal = target.probabilities[d] ?? 0;
      const now = this.shown[d] ?? 0;
      const next = Math.abs(goal - now) < 0.002 ? goal : goal + (now - goal) * keep;
      if (next !== now) moving = true;
      this.shown[d] = next;
    }
    if (moving) this.drawBars();
    return moving;
  }

  /** `digit`'s row (or column), where a click picks it; the inverse of digitAt. */
  slotRect(digit: number): Rect {
    const { x, y, width, height } = this.rect;
    return this.columns()
      ? { x: x + (width / NUM_CLASSES) * digit, y, width: width / NUM_CLASSES, height }
      : { x, y: y + (height / NUM_CLASSES) * digit, width, height: height / NUM_CLASSES };
  }

  /** The digit whose row (or column) holds `point` (local coordinates), null outside the bars. */
  digitAt(point: { readonly x: number; readonly y: number }): number | null {
    const { x, y, width, height } = this.rect;
    if (point.x < x || point.y < y || point.x >= x + width || point.y >= y + height) return null;
    const fraction = this.columns() ? (point.x - x) / width : (point.y - y) / height;
    return Math.min(NUM_CLASSES - 1, Math.floor(fraction * NUM_CLASSES));
  }

  /** Rows below this height (CSS px) are too cramped for text: switch to one column per digit. */
  private columns(): boolean {
    return this.rect.height / NUM_CLASSES < 18;
  }

  private redraw(): void {
    const { x, y, width, height } = this.rect;
    const columns = this.columns();
    const winner = this.target?.digit ?? null;
    const labelSize = columns ? Math.max(11, Math.min(width / NUM_CLASSES * 0.5, this.unit * 1.5)) : 0;
    const row = height / NUM_CLASSES;
    const column = width / NUM_CLASSES;
    const digitWidth = this.unit * 2;
    const percentWidth = this.unit * 4.2;
    for (let d = 0; d < NUM_CLASSES; d++) {
      const digit = this.digits[d];
      const percent = this.percents[d];
      if (digit === undefined || percent === undefined) continue;
      const p = this.target?.probabilities[d] ?? 0;
      const showPercent = this.target !== null && !this.target.blank && (!columns || d === winner);
      percent.text = showPercent ? formatPercent(p) : '';
      percent.tint = d === winner ? COLORS.text : COLORS.faint;
      digit.tint = d === winner ? this.winnerColour() : COLORS.muted;
      if (columns) {
        digit.style.fontSize = labelSize;
        digit.position.set(x + column * (d + 0.5), y + height - labelSize * 0.6);
        percent.style.fontSize = Math.max(10, labelSize * 0.8);
        percent.anchor.set(0.5, 1);
        percent.position.set(x + column * (d + 0.5), y + percent.style.fontSize);
      } else {
        const cy = y + row * (d + 0.5);
        digit.style.fontSize = Math.max(13, Math.min(row * 0.62, this.unit * 1.7));
        digit.position.set(x + digitWidth / 2, cy);
        percent.style.fontSize = Math.max(11, Math.min(row * 0.5, this.unit * 1.3));
        percent.anchor.set(1, 0.5);
        percent.position.set(x + width, cy);
      }
    }
    this.barArea = columns
      ? { x, y: y + labelSize * 1.2, width, height: height - labelSize * 2.6 }
      : { x: x + digitWidth + this.unit * 0.6, y, width: width - digitWidth - percentWidth - this.unit, height };
    this.drawBars();
  }

  private drawBars(): void {
    const { x, y, width, height } = this.barArea;
    const columns = this.columns();
    const step = (columns ? width : height) / NUM_CLASSES;
    const thickness = columns ? Math.max(6, Math.min(step * 0.5, this.unit * 1.6)) : Math.max(6, Math.min(step * 0.46, this.unit * 1.2));
    const span = columns ? height : width;
    const winner = this.target?.digit ?? null;
    this.bars.clear();
    for (let d = 0; d < NUM_CLASSES; d++) {
      const across = (columns ? x : y) + step * (d + 0.5) - thickness / 2;
      const length = Math.max(thickness, (this.shown[d] ?? 0) * span);
      // rows grow rightwards from the left; columns grow upwards from the bottom
      const track = columns ? [across, y, thickness, span] as const : [x, across, span, thickness] as const;
      const bar = columns ? [across, y + span - length, thickness, length] as const : [x, across, length, thickness] as const;
      this.bars.roundRect(...track, thickness / 2).fill({ color: COLORS.barTrack });
      if ((this.shown[d] ?? 0) * span >= 1) {
        this.bars.roundRect(...bar, thickness / 2)
          .fill({ color: d === winner ? this.winnerColour() : COLORS.accent, alpha: d === winner ? 1 : 0.55 });
      }
    }
  }

  private winnerColour(): number {
    return this.target?.unsure === true ? COLORS.unsure : COLORS.sure;
  }
}

export function formatPercent(p: number): string {
  const percent = p * 100;
  if (percent >= 99.95) return '100%';
  if (percent < 0.05) return '0%';
  return `${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}%`;
}
