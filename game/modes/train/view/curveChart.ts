import { Container, Graphics } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { toUnit, type Curve, type Extent } from '../state/curve.ts';

/**
 * One training curve on a card: its title and latest value, the y range at the left edge, the
 * time axis along the bottom, the line inside its plot (extentOf keeps every point in range).
 */
export class CurveChartView extends Container {
  private readonly card = new Graphics();
  private readonly line = new Graphics();
  private readonly title: ReturnType<typeof label>;
  private readonly value = label('strong', 14, COLORS.text, '');
  private readonly top = label('body', 12, COLORS.muted, '');
  private readonly bottom = label('body', 12, COLORS.muted, '');
  private readonly xEnd = label('body', 12, COLORS.muted, '');
  private plot: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private shown: Curve | null = null;

  constructor(title: string, private readonly colour: number) {
    super();
    this.title = label('strong', 14, COLORS.text, title);
    this.value.tint = colour;
    this.value.anchor.set(1, 0);
    this.top.anchor.set(1, 0.5);
    this.bottom.anchor.set(1, 0.5);
    this.xEnd.anchor.set(1, 0);
    this.addChild(this.card, this.line, this.title, this.value, this.top, this.bottom, this.xEnd);
  }

  setRect(rect: Rect, unit: number): void {
    const text = Math.max(12, unit * 0.95);
    for (const t of [this.title, this.value]) t.style.fontSize = Math.max(13, unit * 1.1);
    for (const t of [this.top, this.bottom, this.xEnd]) t.style.fontSize = text;
    const pad = unit * 0.8;
    this.title.position.set(rect.x + pad, rect.y + pad * 0.7);
    this.value.position.set(rect.x + rect.width - pad, rect.y + pad * 0.7);
    const axis = unit * 3.6;
    this.plot = { x: rect.x + pad + axis, y: rect.y + pad + unit * 2.2, width: rect.width - 2 * pad - axis, height: rect.height - 2 * pad - unit * 3.6 };
    this.top.position.set(this.plot.x - unit * 0.5, this.plot.y);
    this.bottom.position.set(this.plot.x - unit * 0.5, this.plot.y + this.plot.height);
    this.xEnd.position.set(this.plot.x + this.plot.width, this.plot.y + this.plot.height + unit * 0.3);
    this.card.clear()
      .roundRect(rect.x, rect.y, rect.width, rect.height, unit * 0.8)
      .fill({ color: COLORS.card })
      .stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
    const { x, y, width, height } = this.plot;
    this.card.moveTo(x, y).lineTo(x, y + height).lineTo(x + width, y + height).stroke({ color: COLORS.faint, width: 1 });
    for (const f of [0.25, 0.5, 0.75]) this.card.moveTo(x, y + height * f).lineTo(x + width, y + height * f).stroke({ color: COLORS.gridLine, width: 1 });
    this.shown = null;
  }

  /** `format` writes the latest value, `axis` the range's ends. Redraws only a new curve. */
  show(curve: Curve, extent: Extent, format: (y: number) => string, axis: (y: number) => string = format): void {
    if (curve === this.shown) return;
    this.shown = curve;
    this.top.text = axis(extent.yMax);
    this.bottom.text = axis(extent.yMin);
    this.xEnd.text = `${Math.round(extent.xMax)} s`;
    const last = curve[curve.length - 1];
    this.value.text = last === undefined ? '–' : format(last.y);
    const { x, y, width, height } = this.plot;
    this.line.clear();
    const points = toUnit(curve, extent);
    const [first, ...rest] = points;
    if (first === undefined) return;
    this.line.moveTo(x + first.x * width, y + (1 - first.y) * height);
    for (const p of rest) this.line.lineTo(x + p.x * width, y + (1 - p.y) * height);
    this.line.stroke({ color: this.colour, width: 2, join: 'round' });
    if (rest.length === 0) this.line.circle(x + first.x * width, y + (1 - first.y) * height, 2.5).fill({ color: this.colour });
  }
}
