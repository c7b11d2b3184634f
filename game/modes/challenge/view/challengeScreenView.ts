import { Container } from 'pixi.js';
import type { Grid } from '../../../../common/ink/grid.ts';
import { computeFreeLayout } from '../../../shell/layout/rect.ts';
import type { ChallengeMode } from '../../../shell/state/modes.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { DrawingToolsView, type ToolActions, type ToolsState } from '../../../shell/view/drawingTools.ts';
import { ChallengeHudView } from './challengeHudView.ts';
import { GridView } from '../../../shell/view/gridView.ts';

export interface ChallengeScreenActions extends ToolActions {
  clear(): void;
  menu(): void;
}

/**
 * A challenge round: the same grid in the same place as free draw (the free-draw layout), Clear and
 * Menu where Reset and Classify are, and the challenge HUD in the title row and the side card.
 */
export class ChallengeScreenView extends Container {
  readonly gridView: GridView;
  readonly tools: DrawingToolsView;
  private readonly hud = new ChallengeHudView();
  private readonly clear: ButtonView;
  private readonly menu: ButtonView;

  constructor(grid: Grid, actions: ChallengeScreenActions) {
    super();
    this.gridView = new GridView(grid);
    this.clear = new ButtonView('Clear', 'secondary', () => { actions.clear(); });
    this.menu = new ButtonView('Menu', 'secondary', () => { actions.menu(); });
    this.tools = new DrawingToolsView(actions);
    this.addChild(this.hud, this.gridView, this.clear, this.menu, this.tools);
  }

  layout(width: number, height: number): void {
    const layout = computeFreeLayout(width, height);
    this.gridView.setRect(layout.grid, layout.unit);
    this.clear.setRect(layout.reset, layout.unit);
    this.menu.setRect(layout.classify, layout.unit);
    this.tools.setRect(layout.tools, layout.unit);
    this.hud.setLayout(layout);
  }

  showTools(state: ToolsState): void {
    this.tools.show(state);
  }

  /** Per frame: repaint the grid if it changed, move the countdown, show the live guess or the
   * result; `still` (prefers-reduced-motion) steps the countdown by seconds and holds the flash. */
  update(mode: ChallengeMode, clock: number, still = false): void {
    this.gridView.sync();
    this.hud.update(mode, clock, still);
  }
}
