import { Container } from 'pixi.js';
import type { Grid } from '../../../../common/ink/grid.ts';
import { computeFreeLayout, type Rect } from '../../../shell/layout/rect.ts';
import type { Prediction } from '../../../shell/state/prediction.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { DrawingToolsView, type ToolActions, type ToolsState } from '../../../shell/view/drawingTools.ts';
import { GridView } from '../../../shell/view/gridView.ts';
import { PredictionPanelView } from './predictionPanel.ts';
import { fitWidth, label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

export interface FreeScreenActions extends ToolActions {
  reset(): void;
  classify(): void;
  /** back to the main screen */
  menu(): void;
  /** the player clicked a digit's bar: "I meant this digit" */
  meant(digit: number): void;
}

/** Free drawing: the grid, Reset and Classify, the prediction card, model label and messages. */
export class FreeScreenView extends Container {
  readonly gridView: GridView;
  readonly tools: DrawingToolsView;
  private readonly title = label('strong', 24, COLORS.text, 'Handwritten digits');
  private readonly subtitle = label('body', 14, COLORS.muted, '');
  private readonly reset: ButtonView;
  private readonly classify: ButtonView;
  private readonly menu: ButtonView;
  private readonly panel: PredictionPanelView;
  private readonly modelLabel = label('body', 13, COLORS.muted, 'Loading model…');
  private readonly message = label('body', 13, COLORS.warning, '');
  /** the outcome of "I meant this digit" ("Saved as a 4"), in the subtitle's place while shown */
  private readonly status = label('strong', 14, COLORS.sure, '');
  /** the subtitle fits beside the title (set by layout) */
  private sideBySide = false;
  /** the status is said on the prediction card, over its hint (set by layout) */
  private statusOnCard = false;
  private size = { width: 1, height: 1 };

  constructor(grid: Grid, actions: FreeScreenActions) {
    super();
    this.gridView = new GridView(grid);
    this.panel = new PredictionPanelView((digit) => { actions.meant(digit); });
    this.reset = new ButtonView('Reset', 'secondary', () => { actions.reset(); });
    this.classify = new ButtonView('Classify', 'primary', () => { actions.classify(); });
    this.menu = new ButtonView('Menu', 'secondary', () => { actions.menu(); });
    this.tools = new DrawingToolsView(actions);
    this.addChild(this.title, this.subtitle, this.menu, this.gridView, this.reset, this.classify, this.tools, this.panel,
      this.modelLabel, this.message, this.status);
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    const l = computeFreeLayout(width, height);
    const { unit } = l;
    this.title.style.fontSize = unit * 2;
    this.title.position.set(l.title.x, l.title.y);
    this.subtitle.style.fontSize = Math.max(12, unit * 1.2);
    const menuWidth = unit * 7;
    const menuRect = { x: l.title.x + l.title.width - menuWidth, y: l.title.y, width: menuWidth, height: l.title.height };
    this.menu.setRect(menuRect, unit * 0.8);
    const sideBySide = l.title.width > this.title.width + this.subtitle.width + menuWidth + unit * 4;
    this.sideBySide = sideBySide;
    this.subtitle.position.set(menuRect.x - unit - this.subtitle.width, l.title.y + unit * 0.8);
    this.subtitle.visible = sideBySide && this.status.text === '';
    this.gridView.setRect(l.grid, unit);
    this.reset.setRect(l.reset, unit);
    this.classify.setRect(l.classify, unit);
    this.tools.setRect(l.tools, unit);
    this.panel.setRect(l.panel, unit);
    // a narrow title bar has no room beside the title: the outcome is said on the card, over its hint
    const title = this.title.x + this.title.width + unit;
    this.status.style.fontSize = Math.max(12, unit * 1.3);
    this.status.style.wordWrap = false;
    if (menuRect.x - unit - this.status.width >= title) {
      this.status.anchor.set(1, 0);
      this.status.position.set(menuRect.x - unit, l.title.y + unit * 0.7);
      this.statusOnCard = false;
    } else {
      const place = this.panel.hintPlace();
      const width = l.panel.width - unit * 3;
      // one line over the hint, a little smaller if need be; a second line would cover the last bar
      fitWidth(this.status, place.size, width, 11);
      this.status.style.wordWrap = this.status.width > width;
      this.status.style.wordWrapWidth = width;
      this.status.style.align = 'center';
      this.status.anchor.set(0.5, 1);
      this.status.position.set(place.x, place.y);
      this.statusOnCard = true;
    }
    this.panel.coverHint(this.statusOnCard && this.status.text !== '');
    this.placeFooter(l.footer, unit);
  }

  private placeFooter(footer: Rect, unit: number): void {
    const size = Math.max(11, unit * 1.15);
    for (const text of [this.modelLabel, this.message]) {
      text.style.fontSize = size;
      text.style.wordWrap = true;
      text.style.wordWrapWidth = footer.width;
    }
    this.modelLabel.position.set(footer.x, footer.y);
    this.message.position.set(footer.x, footer.y + size * 1.6);
  }

  showTools(state: ToolsState): void {
    this.tools.show(state);
  }

  /** The hints that name an action, for a finger or a mouse (shell/state/pointerKind.ts). */
  setHints(subtitle: string, meant: string): void {
    this.subtitle.text = subtitle;
    this.panel.setHint(meant);
  }

  /** The prediction card's hint as shown. */
  meantHint(): string {
    return this.panel.hintText();
  }

  setModelLabel(text: string): void {
    this.modelLabel.text = text;
  }

  /** `ok`: a digit was saved (green); else the refusal's reason (amber). '' hides it. */
  setStatus(text: string, ok: boolean): void {
    this.status.text = text;
    this.status.tint = ok ? COLORS.sure : COLORS.unsure;
    this.subtitle.visible = this.sideBySide && text === '';
    // where it fits depends on its length
    this.layout(this.size.width, this.size.height);
  }

  setMessage(text: string): void {
    this.message.text = text;
  }

  /** Where the prediction card shows the digit and the model input, in canvas CSS pixels. */
  predictionRegions(): { readonly digit: Rect; readonly preview: Rect } {
    return this.panel.regions();
  }

  /** `digit`'s bar, where a click says "I meant this digit", canvas CSS pixels. */
  barRect(digit: number): Rect {
    return this.panel.barRect(digit);
  }

  showPrediction(prediction: Prediction, seen: Float32Array | null): void {
    this.panel.show(prediction, seen);
  }

  /** Per-frame: repaint the grid if it changed, ease the bars. Returns whether anything changed. */
  tick(frames: number): boolean {
    const repainted = this.gridView.sync();
    return this.panel.tick(frames) || repainted;
  }
}
