import { Container, Graphics, type BitmapText } from 'pixi.js';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/**
 * The ten outputs as columns, each a button: tapping one explains that digit ("why not that one?").
 * The digit being explained is outlined; the top guess is green.
 */
export class OutputBarsView extends Container {
  private readonly bars = new Graphics();
  private readonly digits: BitmapText[] = [];
  private readonly hits: Graphics[] = [];
  private probabilities: readonly number[] = new Array<number>(NUM_CLASSES).fill(0);
  private explained: number | null = null;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };

  constructor(onChoose: (digit: number) => void) {
    super();
    this.addChild(this.bars);
    for (let d = 0; d < NUM_CLASSES; d++) {
      const digit = label('strong', 14, COLORS.muted, String(d));
      digit.anchor.set(0.5, 1);
      const hit = new Graphics();
      hit.eventMode = 'static';
      hit.cursor = 'pointer';
      hit.on('pointertap', () => { onChoose(d); });
      this.digits.push(digit);
      this.hits.push(hit);
      this.addChild(digit, hit);
    }
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    const column = rect.width / NUM_CLASSES;
    this.digits.forEach((digit, d) => {
      digit.style.fontSize = Math.max(12, Math.min(column * 0.5, unit * 1.4));
      digit.position.set(rect.x + column * (d + 0.5), rect.y + rect.height);
    });
    this.hits.forEach((hit, d) => {
      hit.clear().rect(rect.x + column * d, rect.y, column, rect.height).fill({ color: 0xffffff, alpha: 0.001 });
    });
    this.draw();
  }

  show(probabilities: readonly number[], explained: number | null): void {
    this.probabilities = probabilities;
    this.explained = explained;
    this.draw();
  }

  /** Where digit `d`'s column is, for tests that tap it. */
  columnRect(d: number): Rect {
    const column = this.rect.width / NUM_CLASSES;
    return { x: this.rect.x + column * d, y: this.rect.y, width: column, height: this.rect.height };
  }

  private draw(): void {
    const { x, y, width, height } = this.rect;
    const column = width / NUM_CLASSES;
    const labelRoom = (this.digits[0]?.style.fontSize ?? 14) * 1.2;
    const span = height - labelRoom;
    const thickness = Math.max(6, column * 0.5);
    // nothing is the top guess while nothing is read (a blank grid): no label turns green
    const best = Math.max(0, ...this.probabilities);
    const top = best > 0 ? this.probabilities.indexOf(best) : -1;
    this.bars.clear();
    for (let d = 0; d < NUM_CLASSES; d++) {
      const left = x + column * (d + 0.5) - thickness / 2;
      const length = (this.probabilities[d] ?? 0) * span;
      this.bars.rect(left, y, thickness, span).fill({ color: COLORS.barTrack });
      if (length >= 1) this.bars.rect(left, y + span - length, thickness, length).fill({ color: d === top ? COLORS.sure : COLORS.accent });
      if (d === this.explained) this.bars.rect(left - 3, y - 3, thickness + 6, span + 6).stroke({ color: COLORS.unsure, width: 2 });
      const digit = this.digits[d];
      if (digit) digit.tint = d === this.explained ? COLORS.unsure : d === top ? COLORS.sure : COLORS.muted;
    }
  }
}
