import { Container, Graphics, type BitmapText } from 'pixi.js';
import { NUM_CLASSES } from '../../common/digit.ts';
import type { Rect } from '../layout.ts';
import type { Prediction } from '../prediction.ts';
import { label } from './text.ts';
import { COLORS } from './theme.ts';

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

  constructor() {
    super();
    this.addChild(this.bars);
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

  private redraw(): void {
    const { x, y, width, height } = this.rect;
    const row = height / NUM_CLASSES;
    const digitWidth = this.unit * 2;
    const percentWidth = this.unit * 4.2;
    const winner = this.target?.digit ?? null;
    for (let d = 0; d < NUM_CLASSES; d++) {
      const cy = y + row * (d + 0.5);
      const digit = this.digits[d];
      const percent = this.percents[d];
      if (digit === undefined || percent === undefined) continue;
      digit.style.fontSize = Math.max(13, Math.min(row * 0.62, this.unit * 1.7));
      digit.position.set(x + digitWidth / 2, cy);
      digit.tint = d === winner ? this.winnerColour() : COLORS.muted;
      percent.style.fontSize = Math.max(11, Math.min(row * 0.5, this.unit * 1.3));
      percent.position.set(x + width, cy);
      const p = this.target?.probabilities[d] ?? 0;
      percent.text = this.target === null || this.target.blank ? '' : formatPercent(p);
      percent.tint = d === winner ? COLORS.text : COLORS.faint;
    }
    this.barArea = { x: x + digitWidth + this.unit * 0.6, y, width: width - digitWidth - percentWidth - this.unit, height };
    this.drawBars();
  }

  private drawBars(): void {
    const { x, y, width, height } = this.barArea;
    const row = height / NUM_CLASSES;
    const thickness = Math.max(6, Math.min(row * 0.46, this.unit * 1.2));
    const winner = this.target?.digit ?? null;
    this.bars.clear();
    for (let d = 0; d < NUM_CLASSES; d++) {
      const top = y + row * (d + 0.5) - thickness / 2;
      this.bars.roundRect(x, top, width, thickness, thickness / 2).fill({ color: COLORS.barTrack });
      const length = (this.shown[d] ?? 0) * width;
      if (length >= 1) {
        this.bars
          .roundRect(x, top, Math.max(thickness, length), thickness, thickness / 2)
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
