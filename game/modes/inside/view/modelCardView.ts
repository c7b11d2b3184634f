import { Container, Graphics, Sprite } from 'pixi.js';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import { plotLine, type PlotPoint } from '../state/curvePlot.ts';
import { cardLines, type LayerLine, type ModelCard } from '../state/modelCard.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/**
 * The model card: its lines of figures, the layer list, per-class accuracy as bars, the confusion
 * matrix as a 10x10 picture (brightness = log of the count, the diagonal in green, mistakes in
 * orange) and the training curve (validation accuracy, and validation loss where it was recorded,
 * else training loss, fainter). Opaque, with text no smaller than MIN_TEXT_PX, and the curves
 * inside their frame (state/curvePlot.ts). Tapping it closes it.
 */
/** The smallest text on the card, px: smaller is not legible on a phone. */
export const MIN_TEXT_PX = 12;

export class ModelCardView extends Container {
  private readonly background = new Graphics();
  private readonly text = label('body', 12, COLORS.text);
  private readonly layers = label('body', 11, COLORS.muted);
  private readonly charts = new Graphics();
  private readonly captions = label('body', 11, COLORS.muted);
  private readonly curveCaption = label('body', 11, COLORS.muted);
  private readonly matrix = new RgbaTexture(NUM_CLASSES, NUM_CLASSES);
  private readonly matrixSprite = new Sprite(this.matrix.texture);
  private card: ModelCard | null = null;
  private layerLines: readonly string[] = [];
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private unit = 10;

  constructor(onClose: () => void) {
    super();
    this.addChild(this.background, this.text, this.layers, this.matrixSprite, this.charts, this.captions, this.curveCaption);
    this.eventMode = 'static';
    this.on('pointertap', onClose);
    this.visible = false;
  }

  setCard(card: ModelCard, layers: readonly LayerLine[]): void {
    this.card = card;
    this.text.text = [...cardLines(card), 'tap to close'].join('\n');
    this.layerLines = layers.map((l) => `${l.title}${l.parameters > 0 ? ` · ${l.parameters.toLocaleString('en-US')} parameters` : ''}`);
    this.matrix.rgba.fill(0);
    const confusion = card.confusion;
    if (confusion !== null) {
      const top = Math.log1p(Math.max(...confusion.flat()));
      confusion.forEach((row, t) => {
        row.forEach((count, p) => {
          const level = Math.round(255 * Math.log1p(count) / top);
          const colour = t === p ? [level * 0.37, level, level * 0.63] : [level, level * 0.62, level * 0.23];
          this.matrix.rgba.set([...colour.map(Math.round), 255], (t * NUM_CLASSES + p) * 4);
        });
      });
    }
    this.matrix.upload();
    this.place();
  }

  lines(): string[] {
    return this.card === null ? [] : cardLines(this.card);
  }

  /** The text sizes in use, px (the page API checks they are legible). */
  textSizes(): number[] {
    return [this.text, this.layers, this.captions, this.curveCaption].filter((t) => t.visible && t.text !== '').map((t) => t.style.fontSize);
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    this.place();
  }

  private place(): void {
    const { x, y, width, height } = this.rect;
    const u = this.unit;
    const pad = u;
    this.background.clear().roundRect(x, y, width, height, u * 0.8).fill({ color: COLORS.card }).stroke({ color: COLORS.cardEdge, width: 1.5 });
    const wide = width > height * 0.9;
    const columnWidth = wide ? width / 2 - 1.5 * pad : width - 2 * pad;
    const size = Math.max(MIN_TEXT_PX, u * 1.05);
    this.text.style.fontSize = size;
    this.text.style.wordWrap = true;
    this.text.style.wordWrapWidth = columnWidth;
    this.text.position.set(x + pad, y + pad);
    // the layer list in the room left under the text, at a legible size: the lines that do not fit
    // are counted rather than shrunk
    const layersTop = y + pad + this.text.height + u;
    this.layers.style.fontSize = Math.max(MIN_TEXT_PX, size * 0.9);
    this.layers.style.wordWrap = true;
    this.layers.style.wordWrapWidth = columnWidth;
    this.layers.position.set(x + pad, layersTop);
    this.layers.text = fittedList('layers:', this.layerLines, Math.floor((y + height - pad - layersTop) / (this.layers.style.fontSize * 1.45)));
    // the pictures: right column when wide, else below the text
    const chartsX = wide ? x + width / 2 + pad / 2 : x + pad;
    const chartsY = wide ? y + pad : y + pad + this.text.height + u;
    // a phone has no room for the layer list beside the pictures; the layers' captions name them
    this.layers.visible = wide;
    const chartsHeight = y + height - pad - chartsY;
    const matrixEdge = Math.max(30, Math.min(columnWidth * 0.45, chartsHeight * 0.45));
    this.matrixSprite.position.set(chartsX, chartsY + size * 2.6);
    this.matrixSprite.setSize(matrixEdge, matrixEdge);
    this.captions.style.fontSize = Math.max(MIN_TEXT_PX, size * 0.9);
    this.captions.style.wordWrap = true;
    this.captions.style.wordWrapWidth = columnWidth;
    this.captions.position.set(chartsX, chartsY);
    this.captions.text = 'confusion (rows: true digit) · per-class accuracy, 95 to 100 %';
    this.curveCaption.text = this.card === null ? '' : curveCaptionOf(this.card);
    this.curveCaption.style.fontSize = Math.max(MIN_TEXT_PX, size * 0.9);
    this.curveCaption.style.wordWrap = true;
    this.curveCaption.style.wordWrapWidth = columnWidth;
    const captionY = chartsY + size * 2.6 + matrixEdge + u;
    this.curveCaption.position.set(chartsX, captionY);
    const curveY = captionY + this.curveCaption.height + u * 0.5;
    this.drawCharts({ x: chartsX + matrixEdge + pad, y: chartsY + size * 2.6, width: columnWidth - matrixEdge - pad, height: matrixEdge },
      { x: chartsX, y: curveY, width: columnWidth, height: Math.max(30, y + height - pad - curveY) });
  }

  private drawCharts(perClass: Rect, curve: Rect): void {
    const g = this.charts.clear();
    const card = this.card;
    if (card === null) return;
    const accuracies = card.perClass;
    if (accuracies !== null) {
      // per-class accuracy from 95 % to 100 %: the differences between digits live there
      const column = perClass.width / NUM_CLASSES;
      accuracies.forEach((a, d) => {
        const h = perClass.height * Math.max(0.02, Math.min(1, (a - 0.95) / 0.05));
        g.rect(perClass.x + column * d + column * 0.15, perClass.y + perClass.height - h, column * 0.7, h).fill({ color: COLORS.accent });
      });
    }
    const points = card.curve;
    g.rect(curve.x, curve.y, curve.width, curve.height).stroke({ color: COLORS.cardEdge, width: 1 });
    if (points.length < 1) return;
    const epochs = points.map((p) => p.epoch);
    const minAccuracy = Math.min(...points.map((p) => p.validationAccuracy));
    const line = (at: readonly PlotPoint[]) => {
      at.forEach((p, i) => { if (i === 0) g.moveTo(p.x, p.y); else g.lineTo(p.x, p.y); });
      // a single evaluation is a dot, not an invisible line
      if (at.length === 1 && at[0] !== undefined) g.circle(at[0].x, at[0].y, 2);
    };
    line(plotLine(epochs, points.map((p) => p.validationAccuracy), curve, { low: minAccuracy, high: 1 }));
    g.stroke({ color: COLORS.sure, width: 2 });
    line(plotLine(epochs, points.map((p) => p.validationLoss ?? p.trainLoss), curve));
    g.stroke({ color: COLORS.unsure, width: 1.5, alpha: points.every((p) => p.validationLoss === null) ? 0.6 : 1 });
  }

  override destroy(): void {
    this.matrix.destroy();
    super.destroy({ children: true });
  }
}

/** `heading` and as many of `lines` as fit in `room` lines, the rest counted in the last. */
function fittedList(heading: string, lines: readonly string[], room: number): string {
  if (lines.length + 1 <= room) return [heading, ...lines].join('\n');
  const shown = Math.max(0, room - 2);
  return [heading, ...lines.slice(0, shown), `… and ${lines.length - shown} more`].join('\n');
}

function curveCaptionOf(card: ModelCard): string {
  const points = card.curve;
  if (points.length === 0) return '';
  const last = points.at(-1)?.epoch ?? 1;
  const minAccuracy = Math.min(...points.map((p) => p.validationAccuracy));
  const lossName = points.some((p) => p.validationLoss !== null) ? 'validation loss' : 'training loss (validation loss not recorded)';
  return `curve over ${last.toFixed(1)} epochs: green validation accuracy (${(minAccuracy * 100).toFixed(1)} to 100 %), orange ${lossName}`;
}
