import { Container, Graphics, Sprite } from 'pixi.js';
import { IMAGE_SIZE } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { NoGuessReason, Prediction } from '../../../shell/state/prediction.ts';
import { InkTexture } from '../../../shell/view/inkTexture.ts';
import { formatPercent, ProbabilityBarsView } from './probabilityBars.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/** At or above this the caption says "Confident"; between UNSURE_BELOW and this, "Fairly sure". */
const CONFIDENT_FROM = 0.9;

/** What the caption says instead of a guess (see common/inkCheck.ts for when ink is no digit). */
export const NO_GUESS_CAPTIONS: Readonly<Record<NoGuessReason, string>> = {
  'blank': 'Draw a digit on the grid',
  'not-a-digit': 'Not a digit?',
};

/**
 * The answer card: the digit large, a caption saying how sure the model is, the 28x28 image the
 * model actually saw, and a bar per digit.
 */
export class PredictionPanelView extends Container {
  private readonly card = new Graphics();
  private readonly heading = label('strong', 13, COLORS.muted, 'PREDICTION');
  /** how to say which digit was meant, on a line of its own under the bars (set by the screen: it depends on the pointer) */
  private readonly hint = label('body', 12, COLORS.muted, '');
  private readonly digit = label('display', 120, COLORS.faint, '–');
  private readonly caption = label('body', 16, COLORS.muted, 'Draw a digit on the grid');
  private readonly previewFrame = new Graphics();
  private readonly previewInk = new InkTexture(IMAGE_SIZE, IMAGE_SIZE, COLORS.paper, COLORS.ink);
  private readonly preview = new Sprite(this.previewInk.texture);
  private readonly previewCaption = label('body', 12, COLORS.faint, 'model input');
  private readonly bars: ProbabilityBarsView;
  private readonly blankPreview = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
  /** the bars say "I meant this digit" when pressed */
  private readonly picks: boolean;

  /** `onPick`: the player clicked a digit's bar ("I meant this digit"), null for bars that only show */
  constructor(onPick: ((digit: number) => void) | null = null) {
    super();
    this.bars = new ProbabilityBarsView(onPick);
    this.digit.anchor.set(0.5, 0.5);
    this.caption.anchor.set(0.5, 0);
    this.previewCaption.anchor.set(1, 0);
    this.hint.anchor.set(0.5, 1);
    this.picks = onPick !== null;
    this.hint.visible = this.picks;
    this.addChild(this.card, this.heading, this.hint, this.digit, this.caption, this.previewFrame, this.preview,
      this.previewCaption, this.bars);
  }

  setRect(rect: Rect, unit: number): void {
    const { x, y, width, height } = rect;
    const pad = unit * 1.5;
    this.card.clear().roundRect(x, y, width, height, unit * 1.2)
      .fill({ color: COLORS.card }).stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
    this.heading.style.fontSize = Math.max(11, unit * 1.05);
    this.heading.position.set(x + pad, y + pad * 0.8);
    this.hint.style.fontSize = Math.max(12, unit * 1.05);
    this.hint.position.set(x + width / 2, y + height - pad * 0.5);
    // the bars stop above the hint's line
    const hintLine = this.picks ? this.hint.style.fontSize * 1.5 : 0;

    const inner = { x: x + pad, y: y + pad * 0.8 + this.heading.height + unit * 0.6, width: width - 2 * pad, height: 0 };
    const innerHeight = y + height - pad - hintLine - inner.y;
    const wide = width > height * 1.25;
    // wide card: answer column on the left, bars on the right; tall card: answer on top, bars below
    const answer = wide
      ? { x: inner.x, y: inner.y, width: inner.width * 0.42, height: innerHeight }
      : { x: inner.x, y: inner.y, width: inner.width, height: innerHeight * 0.42 };
    const barsRect = wide
      ? { x: inner.x + answer.width + pad, y: inner.y, width: inner.width - answer.width - pad, height: innerHeight }
      : { x: inner.x, y: inner.y + answer.height + unit, width: inner.width, height: innerHeight - answer.height - unit };
    this.layoutAnswer(answer, unit, wide);
    this.bars.setRect(barsRect, unit);
  }

  private layoutAnswer(area: Rect, unit: number, wide: boolean): void {
    const captionSize = Math.max(13, unit * 1.35);
    this.caption.style.fontSize = captionSize;
    this.previewCaption.style.fontSize = Math.max(10, unit * 1.0);
    if (wide) {
      // digit above caption above preview, centred in the column
      const previewSide = Math.min(area.width * 0.5, area.height * 0.3);
      const digitHeight = area.height - previewSide - captionSize * 2.2 - unit * 3;
      this.digit.style.fontSize = Math.min(digitHeight * 1.0, area.width * 0.9);
      this.digit.position.set(area.x + area.width / 2, area.y + digitHeight / 2);
      this.caption.position.set(area.x + area.width / 2, area.y + digitHeight);
      this.placePreview(area.x + (area.width - previewSide) / 2, area.y + area.height - previewSide - unit * 1.6, previewSide, unit);
    } else {
      // digit and caption on the left, preview on the right
      const previewSide = Math.min(area.height - unit * 1.8, area.width * 0.3);
      const textWidth = area.width - previewSide - unit;
      const digitHeight = area.height - captionSize * 1.8;
      this.digit.style.fontSize = Math.min(digitHeight, textWidth * 0.8);
      this.digit.position.set(area.x + textWidth / 2, area.y + digitHeight / 2);
      this.caption.position.set(area.x + textWidth / 2, area.y + digitHeight);
      this.placePreview(area.x + area.width - previewSide, area.y, previewSide, unit);
    }
  }

  private placePreview(x: number, y: number, side: number, unit: number): void {
    const pad = Math.max(3, unit * 0.35);
    this.previewFrame.clear().roundRect(x - pad, y - pad, side + 2 * pad, side + 2 * pad, pad * 1.5)
      .fill({ color: COLORS.paper }).stroke({ color: COLORS.cardEdge, width: 1, alignment: 1 });
    this.preview.position.set(x, y);
    this.preview.setSize(side, side);
    this.previewCaption.position.set(x + side + pad, y + side + pad + unit * 0.3);
  }

  setHint(text: string): void {
    this.hint.text = text;
  }

  /** Hides the hint while something else is said in its place (free draw's "Saved as a 4" on a phone). */
  coverHint(covered: boolean): void {
    this.hint.visible = this.picks && !covered;
  }

  /** The hint line's centre bottom and its size: where a phone says the outcome of a tap. */
  hintPlace(): { readonly x: number; readonly y: number; readonly size: number } {
    return { x: this.hint.x, y: this.hint.y, size: this.hint.style.fontSize };
  }

  /** The hint as shown: '' when the bars only show or it is covered. */
  hintText(): string {
    return this.hint.visible ? this.hint.text : '';
  }

  /** Where the big digit's glyphs and the model-input preview are, in canvas CSS pixels. */
  regions(): { readonly digit: Rect; readonly preview: Rect } {
    const box = (view: Container): Rect => {
      const b = view.getBounds();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    // the digit's line box reaches into the caption below it; the glyphs stop above the caption
    const digit = box(this.digit);
    const bottom = Math.min(digit.y + digit.height, this.caption.getBounds().y);
    return { digit: { ...digit, height: Math.max(0, bottom - digit.y) }, preview: box(this.preview) };
  }

  /** `digit`'s bar row (or column), where clicking says "I meant this digit", canvas CSS pixels. */
  barRect(digit: number): Rect {
    return this.bars.slotRect(digit);
  }

  /** `seen`: the normalised 28x28 input the prediction came from, or null when blank. */
  show(prediction: Prediction, seen: Float32Array | null): void {
    this.previewInk.paint(seen ?? this.blankPreview);
    this.bars.show(prediction);
    if (prediction.blank || prediction.digit === null) {
      this.digit.text = prediction.reason === 'not-a-digit' ? '?' : '–';
      this.digit.tint = prediction.reason === 'not-a-digit' ? COLORS.unsure : COLORS.faint;
      this.caption.text = NO_GUESS_CAPTIONS[prediction.reason ?? 'blank'];
      this.caption.tint = prediction.reason === 'not-a-digit' ? COLORS.unsure : COLORS.muted;
      return;
    }
    const p = formatPercent(prediction.probabilities[prediction.digit] ?? 0);
    this.digit.text = prediction.unsure ? `${prediction.digit}?` : String(prediction.digit);
    this.digit.tint = prediction.unsure ? COLORS.unsure : COLORS.text;
    const top = prediction.probabilities[prediction.digit] ?? 0;
    this.caption.text = `${prediction.unsure ? 'Not sure' : top >= CONFIDENT_FROM ? 'Confident' : 'Fairly sure'} · ${p}`;
    this.caption.tint = prediction.unsure ? COLORS.unsure : COLORS.sure;
  }

  /** Returns whether anything moved. */
  tick(frames: number): boolean {
    return this.bars.tick(frames);
  }

  override destroy(): void {
    this.previewInk.destroy();
    super.destroy({ children: true });
  }
}
