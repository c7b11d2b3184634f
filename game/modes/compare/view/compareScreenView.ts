import { Container } from 'pixi.js';
import type { Grid } from '../../../../common/ink/grid.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { GridView } from '../../../shell/view/gridView.ts';
import { label, placeTitleLine } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { computeCompareLayout, type CompareLayout } from '../layout/compareLayout.ts';
import type { CompareColumn } from '../state/compareColumns.ts';
import { ModelColumnView } from './modelColumnView.ts';

export interface CompareActions {
  clear(): void;
  /** back to the main screen */
  menu(): void;
}

/** The Compare screen: the shared grid, Clear and Menu, the verdict line and one card per model. */
export class CompareScreenView extends Container {
  readonly gridView: GridView;
  private readonly title = label('strong', 24, COLORS.text, 'Compare models');
  private readonly subtitle = label('body', 14, COLORS.muted, 'one drawing, every model · Esc clears · M menu');
  private readonly menu: ButtonView;
  private readonly clear: ButtonView;
  private readonly verdict = label('strong', 16, COLORS.text, '');
  private readonly cardLayer = new Container();
  private readonly cards: ModelColumnView[] = [];
  private columns: readonly CompareColumn[] = [];
  private size = { width: 1, height: 1 };
  private shown: CompareLayout | null = null;

  constructor(grid: Grid, actions: CompareActions) {
    super();
    this.gridView = new GridView(grid);
    this.menu = new ButtonView('Menu', 'secondary', () => { actions.menu(); });
    this.clear = new ButtonView('Clear', 'secondary', () => { actions.clear(); });
    this.addChild(this.title, this.subtitle, this.menu, this.gridView, this.clear, this.verdict, this.cardLayer);
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    const l = computeCompareLayout(width, height, this.columns.length);
    this.shown = l;
    const { unit } = l;
    placeTitleLine(this.title, this.subtitle, l.title, unit);
    this.menu.setRect(l.menu, unit * 0.8);
    this.gridView.setRect(l.grid, unit);
    this.clear.setRect(l.clear, unit);
    this.verdict.style.fontSize = Math.max(13, unit * 1.4);
    this.verdict.style.wordWrap = true;
    this.verdict.style.wordWrapWidth = l.verdict.width;
    this.verdict.position.set(l.verdict.x, l.verdict.y);
    this.cards.forEach((card, i) => {
      const rect = l.cards[i];
      if (rect !== undefined) card.setRect(rect, unit);
    });
  }

  /** Shows `columns`, one card each (cards come and go with the models: a personal model taught since). */
  show(columns: readonly CompareColumn[], verdict: string): void {
    const relayout = columns.length !== this.columns.length;
    this.columns = columns;
    while (this.cards.length < columns.length) this.cards.push(this.cardLayer.addChild(new ModelColumnView()));
    while (this.cards.length > columns.length) this.cards.pop()?.destroy({ children: true });
    this.cards.forEach((card, i) => {
      const column = columns[i];
      if (column !== undefined) card.show(column);
    });
    this.verdict.text = verdict;
    if (relayout) this.layout(this.size.width, this.size.height);
  }

  /** Each card's rectangle, canvas CSS pixels, in the columns' order. */
  cardRects(): Rect[] {
    return this.shown === null ? [] : this.shown.cards.slice(0, this.columns.length);
  }

  /** Per frame: repaint the grid if it changed. */
  tick(): boolean {
    return this.gridView.sync();
  }
}
