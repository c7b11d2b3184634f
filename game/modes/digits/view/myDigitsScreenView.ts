import { BitmapText, Container, Graphics, Sprite } from 'pixi.js';
import { IMAGE_SIZE, NUM_CLASSES } from '../../../../common/digit.ts';
import { computeMyDigitsLayout, thumbRect, type MyDigitsButton, type MyDigitsLayout } from '../layout/myDigitsLayout.ts';
import type { StoredExample } from '../../../shell/state/personalExample.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { InkTexture } from '../../../shell/view/inkTexture.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

export type MyDigitsActions = Readonly<Record<MyDigitsButton | 'menu', () => void>> & {
  readonly select: (id: number) => void;
};

/** What the screen shows, all of it the caller's data. */
export interface MyDigitsShown {
  /** the saved examples per digit 0..9, oldest first */
  readonly rows: readonly (readonly StoredExample[])[];
  readonly selected: number | null;
  /** teaching's progress 0..1, null when not teaching */
  readonly progress: number | null;
  /** how many digits are saved and the model playing */
  readonly modelLine: string;
  /** the personal model's held-out figure, '' while the base model plays */
  readonly accuracyLine: string;
  /** the outcome of the last action ('' for none) */
  readonly statusLine: string;
}

const BUTTON_TEXT: Readonly<Record<MyDigitsButton, string>> = {
  teach: 'Teach',
  base: 'Base model',
  export: 'Export',
  delete: 'Delete',
  clear: 'Clear all',
};

/**
 * My digits: a row per digit of the player's saved digits (as the model sees them), a click selects
 * one; Teach, back to the base model, export, delete the selected one, clear all; a progress bar.
 */
export class MyDigitsScreenView extends Container {
  private readonly title = label('strong', 24, COLORS.text, 'My digits');
  private readonly menu: ButtonView;
  private readonly buttons: Record<MyDigitsButton, ButtonView>;
  private readonly rowLabels: BitmapText[] = [];
  private readonly more: BitmapText[] = [];
  private readonly thumbs = new Container();
  private readonly frames = new Graphics();
  private readonly bar = new Graphics();
  private readonly modelLine = label('body', 14, COLORS.muted);
  private readonly accuracyLine = label('body', 14, COLORS.sure);
  private readonly statusLine = label('body', 14, COLORS.text);
  private readonly textures = new Map<number, InkTexture>();
  private layoutNow: MyDigitsLayout = computeMyDigitsLayout(1, 1);
  private shown: MyDigitsShown = { rows: [], selected: null, progress: null, modelLine: '', accuracyLine: '', statusLine: '' };

  constructor(private readonly actions: MyDigitsActions) {
    super();
    this.menu = new ButtonView('Menu', 'secondary', () => { actions.menu(); });
    this.buttons = {
      teach: new ButtonView(BUTTON_TEXT.teach, 'primary', () => { actions.teach(); }),
      base: new ButtonView(BUTTON_TEXT.base, 'secondary', () => { actions.base(); }),
      export: new ButtonView(BUTTON_TEXT.export, 'secondary', () => { actions.export(); }),
      delete: new ButtonView(BUTTON_TEXT.delete, 'secondary', () => { actions.delete(); }),
      clear: new ButtonView(BUTTON_TEXT.clear, 'secondary', () => { actions.clear(); }),
    };
    for (let d = 0; d < NUM_CLASSES; d++) {
      const digit = label('strong', 16, COLORS.muted, String(d));
      digit.anchor.set(0.5, 0.5);
      const more = label('body', 13, COLORS.muted);
      more.anchor.set(0, 0.5);
      this.rowLabels.push(digit);
      this.more.push(more);
    }
    this.addChild(this.title, this.menu, ...Object.values(this.buttons), ...this.rowLabels, ...this.more,
      this.frames, this.thumbs, this.bar, this.modelLine, this.accuracyLine, this.statusLine);
  }

  layout(width: number, height: number): void {
    const l = computeMyDigitsLayout(width, height);
    this.layoutNow = l;
    this.title.style.fontSize = l.unit * 2;
    this.title.position.set(l.title.x, l.title.y);
    this.menu.setRect(l.menu, l.unit * 0.8);
    for (const [name, button] of Object.entries(this.buttons) as [MyDigitsButton, ButtonView][]) button.setRect(l.buttons[name], l.unit * 0.85);
    for (const text of [this.modelLine, this.accuracyLine, this.statusLine]) {
      text.style.fontSize = Math.max(11, l.unit * 1.1);
      text.style.wordWrap = true;
      text.style.wordWrapWidth = l.status.width;
    }
    const line = l.status.height / 3;
    this.modelLine.position.set(l.status.x, l.status.y);
    this.accuracyLine.position.set(l.status.x, l.status.y + line);
    this.statusLine.position.set(l.status.x, l.status.y + 2 * line);
    this.redraw();
  }

  show(shown: MyDigitsShown): void {
    this.shown = shown;
    const ids = new Set(shown.rows.flat().map((example) => example.id));
    for (const [id, texture] of this.textures) {
      if (!ids.has(id)) {
        texture.destroy();
        this.textures.delete(id);
      }
    }
    this.redraw();
  }

  private redraw(): void {
    const l = this.layoutNow;
    const { rows, selected, progress } = this.shown;
    for (const child of this.thumbs.removeChildren()) child.destroy();
    this.frames.clear();
    for (let d = 0; d < NUM_CLASSES; d++) {
      const row = l.rows[d];
      const digit = this.rowLabels[d];
      const more = this.more[d];
      if (row === undefined || digit === undefined || more === undefined) continue;
      const examples = rows[d] ?? [];
      digit.style.fontSize = Math.max(12, Math.min(row.height * 0.6, l.unit * 1.6));
      digit.tint = examples.length > 0 ? COLORS.text : COLORS.faint;
      digit.position.set(row.x + l.labelWidth / 2, row.y + row.height / 2);
      examples.slice(0, l.perRow).forEach((example, i) => {
        const rect = thumbRect(l, d, i);
        if (rect !== null) this.addThumb(example, rect, example.id === selected);
      });
      const hidden = examples.length - l.perRow;
      more.text = hidden > 0 ? `+${hidden}` : '';
      more.style.fontSize = Math.max(11, l.unit * 1.1);
      more.position.set(row.x + l.labelWidth + l.perRow * l.thumbStep, row.y + row.height / 2);
    }
    const p = l.progress;
    this.bar.clear();
    if (progress !== null) {
      this.bar.roundRect(p.x, p.y, p.width, p.height, p.height / 2).fill({ color: COLORS.barTrack });
      this.bar.roundRect(p.x, p.y, Math.max(p.height, p.width * progress), p.height, p.height / 2).fill({ color: COLORS.accent });
    }
    this.modelLine.text = this.shown.modelLine;
    this.accuracyLine.text = this.shown.accuracyLine;
    this.statusLine.text = this.shown.statusLine;
  }

  private addThumb(example: StoredExample, rect: { x: number; y: number; width: number; height: number }, selected: boolean): void {
    let texture = this.textures.get(example.id);
    if (texture === undefined) {
      texture = new InkTexture(IMAGE_SIZE, IMAGE_SIZE, COLORS.paper, COLORS.ink);
      texture.paint(example.input);
      this.textures.set(example.id, texture);
    }
    const sprite = new Sprite(texture.texture);
    sprite.position.set(rect.x, rect.y);
    sprite.setSize(rect.width, rect.height);
    sprite.eventMode = 'static';
    sprite.cursor = 'pointer';
    sprite.on('pointertap', () => { this.actions.select(example.id); });
    this.thumbs.addChild(sprite);
    const edge = selected ? 3 : 1;
    this.frames.rect(rect.x - edge, rect.y - edge, rect.width + 2 * edge, rect.height + 2 * edge)
      .stroke({ color: selected ? COLORS.unsure : COLORS.cardEdge, width: edge, alignment: 0 });
  }

  override destroy(): void {
    for (const texture of this.textures.values()) texture.destroy();
    super.destroy({ children: true });
  }
}
