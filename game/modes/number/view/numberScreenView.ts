import { Container } from 'pixi.js';
import type { Grid } from '../../../../common/ink/grid.ts';
import { gridFramePad } from '../../../shell/layout/rect.ts';
import { computeNumberLayout } from '../layout/numberLayout.ts';
import type { NumberReport } from '../../../shell/state/numberReport.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { DrawingToolsView, type ToolActions, type ToolsState } from '../../../shell/view/drawingTools.ts';
import { DigitBoxesView } from './digitBoxes.ts';
import { GridView } from '../../../shell/view/gridView.ts';
import { label, placeTitleLine } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

export interface NumberScreenActions extends ToolActions {
  reset(): void;
  /** back to the main screen */
  menu(): void;
}

/** The Number mode: a wide grid with a box per digit read, the number read large, Reset and Menu. */
export class NumberScreenView extends Container {
  readonly gridView: GridView;
  readonly tools: DrawingToolsView;
  private readonly title = label('strong', 24, COLORS.text, 'Write a number');
  private readonly subtitle = label('body', 14, COLORS.muted, 'several digits, side by side · Esc clears · M menu');
  private readonly menu: ButtonView;
  private readonly reset: ButtonView;
  private readonly boxes = new DigitBoxesView();
  private readonly number = label('display', 60, COLORS.text);
  private readonly hint = label('body', 16, COLORS.faint, 'nothing written yet');
  private numberBox = { x: 0, y: 0, width: 1, height: 1 };

  constructor(private readonly grid: Grid, actions: NumberScreenActions) {
    super();
    this.gridView = new GridView(grid, 'Write a number here, digits side by side');
    this.menu = new ButtonView('Menu', 'secondary', () => { actions.menu(); });
    this.reset = new ButtonView('Reset', 'secondary', () => { actions.reset(); });
    this.number.anchor.set(0.5, 0.5);
    this.hint.anchor.set(0.5, 0.5);
    this.tools = new DrawingToolsView(actions);
    this.addChild(this.title, this.subtitle, this.menu, this.gridView, this.boxes, this.reset, this.number, this.hint, this.tools);
    this.show({ text: '', digits: [] });
  }

  layout(width: number, height: number): void {
    const l = computeNumberLayout(width, height, this.grid.width, this.grid.height);
    const { unit } = l;
    placeTitleLine(this.title, this.subtitle, l.title, unit);
    this.menu.setRect(l.menu, unit * 0.8);
    this.gridView.setRect(l.grid, unit, l.fold);
    const pad = gridFramePad(unit);
    const cells = { x: l.grid.x + pad, y: l.grid.y + pad, width: l.grid.width - 2 * pad, height: l.grid.height - 2 * pad };
    this.boxes.setCells(cells, l.cell, unit, { fold: l.fold, columns: this.grid.width, rows: this.grid.height });
    this.reset.setRect(l.reset, unit);
    this.tools.setRect(l.tools, unit);
    this.hint.style.fontSize = Math.max(14, unit * 1.4);
    this.numberBox = l.number;
    this.placeNumber();
  }

  show(report: NumberReport): void {
    this.boxes.show(report.digits);
    this.number.text = report.text;
    this.number.tint = report.digits.some((d) => d.unsure) ? COLORS.unsure : COLORS.text;
    this.number.visible = report.text !== '';
    this.hint.visible = report.text === '';
    this.placeNumber();
  }

  showTools(state: ToolsState): void {
    this.tools.show(state);
  }

  /** Per frame: repaint the grid if it changed. Returns whether it did. */
  tick(): boolean {
    return this.gridView.sync();
  }

  /** As large as fits the box under the grid, centred in it (the number can be long on a phone). */
  private placeNumber(): void {
    const { x, y, width, height } = this.numberBox;
    const centre = { x: x + width / 2, y: y + height / 2 };
    this.number.style.fontSize = height * 0.9;
    if (this.number.width > width) this.number.style.fontSize = (height * 0.9 * width) / this.number.width;
    this.number.position.set(centre.x, centre.y);
    this.hint.position.set(centre.x, centre.y);
  }
}
