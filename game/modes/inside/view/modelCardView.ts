import { Container, Graphics, Sprite } from 'pixi.js';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import { cardLines, type LayerLine, type ModelCard } from '../state/modelCard.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/**
 * The model card: its lines of figures, the layer list, per-class accuracy as bars, the confusion
 * matrix as a 10x10 picture (brightness = log of the count, the diagonal in green, mistakes in
 * orange) and the training curve (validation accuracy, and validation loss where it was recorded,
 * else training loss, dashed). Tapping it closes it.
 */
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
    this.layers.text = ['layers (output shape, parameters):', ...layers.map((l) => `${l.name} [${l.shape.join(', ')}] ${l.parameters}`)].join('\n');
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

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    this.place();
  }

  private place(): void {
    const { x, y, width, height } = this.rect;
    const u = this.unit;
    const pad = u;
    this.background.clear().roundRect(x, y, width, height, u * 0.8).fill({ color: COLORS.card, alpha: 0.98 }).stroke({ color: COLORS.cardEdge, width: 1.5 });
    const wide = width > height * 0.9;
    const columnWidth = wide ? width / 2 - 1.5 * pad : width - 2 * pad;
    const size = Math.max(10, u * 1.05);
    this.text.style.fontSize = size;
    this.text.style.wordWrap = true;
    this.text.style.wordWrapWidth = columnWidth;
    this.text.position.set(x + pad, y + pad);
    // the whole layer list in the room left under the text, however many layers the model has (room for some lines to wrap)
    const layersTop = y + pad + this.text.height + u;
    const lineCount = this.layers.text.split('\n').length;
    this.layers.style.fontSize = Math.max(6, Math.min(size * 0.85, (y + height - pad - layersTop) / (lineCount * 1.7)));
    this.layers.style.wordWrap = true;
    this.layers.style.wordWrapWidth = columnWidth;
    this.layers.position.set(x + pad, layersTop);
    // the pictures: right column when wide, else below the text
    const chartsX = wide ? x + width / 2 + pad / 2 : x + pad;
    const chartsY = wide ? y + pad : y + pad + this.text.height + u;
    // a phone has no room for the layer list beside the pictures; the layers' captions name them
    this.layers.visible = wide;
    const chartsHeight = y + height - pad - chartsY;
    const matrixEdge = Math.max(30, Math.min(columnWidth * 0.45, chartsHeight * 0.45));
    this.matrixSprite.position.set(chartsX, chartsY + size * 2.6);
    this.matrixSprite.setSize(matrixEdge, matrixEdge);
    this.captions.style.fontSize = Math.max(9, size * 0.9);
    this.captions.style.wordWrap = true;
    this.captions.style.wordWrapWidth = columnWidth;
    this.captions.position.set(chartsX, chartsY);
    this.drawCharts({ x: chartsX + matrixEdge + pad, y: chartsY + size * 2.6, width: columnWidth - matrixEdge - pad, height: matrixEdge },
      { x: chartsX, y: chartsY + matrixEdge + size * 6.5, width: columnWidth, height: Math.max(30, chartsHeight - matrixEdge - size * 7) }, size);
  }

  private drawCharts(perClass: Rect, curve: Rect, size: number): void {
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
    const last = points.at(-1)?.epoch ?? 1;
    const minAccuracy = Math.min(...points.map((p) => p.validationAccuracy));
    const px = (epoch: number) => curve.x + (epoch / last) * curve.width;
    const py = (v: number, low: number, high: number) => curve.y + curve.height - ((v - low) / Math.max(1e-9, high - low)) * curve.height;
    points.forEach((p, i) => {
      const at = [px(p.epoch), py(p.validationAccuracy, minAccuracy, 1)] as const;
      if (i === 0) g.moveTo(...at);
      else g.lineTo(...at);
    });
    g.stroke({ color: COLORS.sure, width: 2 });
    const losses = points.map((p) => p.validationLoss ?? p.trainLoss);
    const known = losses.filter((v): v is number => v !== null);
    if (known.length > 0) {
      const high = Math.max(...known);
      const low = Math.min(...known);
      let started = false;
      points.forEach((p, i) => {
        const loss = losses[i];
        if (loss === null || loss === undefined) return;
        const at = [px(p.epoch), py(loss, low, high)] as const;
        if (!started) g.moveTo(...at);
        else g.lineTo(...at);
        started = true;
      });
      g.stroke({ color: COLORS.unsure, width: 1.5, alpha: points.every((p) => p.validationLoss === null) ? 0.6 : 1 });
    }
    const lossName = points.some((p) => p.validationLoss !== null) ? 'validation loss' : 'training loss (validation loss not recorded)';
    this.captions.text = 'confusion (rows: true digit) · per-class accuracy, 95 to 100 %';
    const curveCaption = `curve over ${last.toFixed(1)} epochs: green validation accuracy (${(minAccuracy * 100).toFixed(1)} to 100 %), orange ${lossName}`;
    this.curveCaption.text = curveCaption;
    this.curveCaption.style.fontSize = size * 0.9;
    this.curveCaption.style.wordWrap = true;
    this.curveCaption.style.wordWrapWidth = curve.width;
    this.curveCaption.position.set(curve.x, curve.y - size * 3.6);
  }

  override destroy(): void {
    this.matrix.destroy();
    super.destroy({ children: true });
  }
}
