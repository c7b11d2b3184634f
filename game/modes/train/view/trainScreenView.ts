import { Container } from 'pixi.js';
import type { Grid } from '../../../../common/ink/grid.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { GridView } from '../../../shell/view/gridView.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { extentOf } from '../state/curve.ts';
import { computeTrainLayout, TRAIN_BUTTONS, type TrainButton, type TrainLayout } from '../layout/trainLayout.ts';
import { readGuess } from '../state/trainGuess.ts';
import type { TrainSession } from '../state/trainSession.ts';
import { lossText, pauseCaption, percent, speedCaption, statusLine, waitingText, wholePercent } from '../state/trainTexts.ts';
import { CurveChartView } from './curveChart.ts';
import { FilterTilesView } from './filterTiles.ts';
import { GuessView } from './guessView.ts';

/** The first filters slot count before the worker says how many it has. */
const FILTER_SLOTS = 8;
/** Seconds the time axis spans at least, so the first seconds do not stretch across the chart. */
const MIN_SECONDS = 10;
/** Cross-entropy of a guess among ten: where an untrained network's loss starts. */
const CHANCE_LOSS = Math.log(10);

export type TrainActions = Readonly<Record<TrainButton, () => void>>;

/** The Train room: the grid, the buttons, the guess, the filters and the two curves. */
export class TrainScreenView extends Container {
  readonly gridView: GridView;
  private readonly title = label('strong', 24, COLORS.text, 'Train a network');
  private readonly status = label('body', 14, COLORS.muted, '');
  private readonly buttons: Readonly<Record<TrainButton, ButtonView>>;
  private readonly guess = new GuessView();
  private readonly filtersTitle = label('strong', 14, COLORS.text, 'Its first layer: 8 filters of 5x5, as they learn');
  private readonly tiles = new FilterTilesView();
  private readonly accuracy = new CurveChartView('Held-out accuracy', COLORS.sure);
  private readonly loss = new CurveChartView('Training loss', COLORS.unsure);
  private readonly message = label('body', 13, COLORS.warning, '');
  private readonly credit = label('body', 12, COLORS.faint, 'Digits: MNIST (LeCun, Cortes, Burges), CC BY-SA 3.0');
  private shape: TrainLayout | null = null;
  private size = { width: 1, height: 1 };

  constructor(grid: Grid, actions: TrainActions) {
    super();
    this.gridView = new GridView(grid);
    this.buttons = {
      pause: new ButtonView('Pause', 'primary', () => { actions.pause(); }),
      restart: new ButtonView('Restart', 'secondary', () => { actions.restart(); }),
      speed: new ButtonView(speedCaption('full'), 'secondary', () => { actions.speed(); }),
      keep: new ButtonView('Keep', 'secondary', () => { actions.keep(); }, 'Keep it: play free draw with this network'),
      menu: new ButtonView('Menu', 'secondary', () => { actions.menu(); }),
    };
    this.credit.anchor.set(1, 0);
    this.addChild(this.title, this.status, this.gridView, ...TRAIN_BUTTONS.map((name) => this.buttons[name]), this.guess, this.filtersTitle,
      this.tiles, this.accuracy, this.loss, this.message, this.credit);
  }

  layout(width: number, height: number, filterCount = FILTER_SLOTS): void {
    this.size = { width, height };
    const l = computeTrainLayout(width, height, filterCount);
    this.shape = l;
    const { unit } = l;
    this.title.style.fontSize = unit * 2;
    this.title.position.set(l.title.x, l.title.y);
    this.status.style.fontSize = Math.max(12, unit * 1.15);
    this.status.position.set(l.status.x, l.status.y + unit * 0.2);
    this.gridView.setRect(l.grid, unit);
    for (const name of TRAIN_BUTTONS) this.buttons[name].setRect(l.buttons[name], unit);
    this.guess.setRect(l.guess, unit);
    this.filtersTitle.style.fontSize = Math.max(13, unit * 1.1);
    this.filtersTitle.position.set(l.filtersTitle.x, l.filtersTitle.y);
    this.tiles.setRects(l.filters);
    this.accuracy.setRect(l.accuracyChart, unit);
    this.loss.setRect(l.lossChart, unit);
    this.message.style.fontSize = Math.max(12, unit * 1.1);
    this.message.style.wordWrap = true;
    this.message.style.wordWrapWidth = l.footer.width * 0.6;
    this.message.position.set(l.footer.x, l.footer.y);
    this.credit.style.fontSize = Math.max(11, unit * 0.9);
    this.credit.position.set(l.footer.x + l.footer.width, l.footer.y + unit * 0.15);
  }

  /** Redraws what the session holds (the charts and tiles only when theirs changed). */
  show(session: TrainSession, blank: boolean): void {
    if (session.filterCount > 0 && this.shape !== null && this.shape.filters.length !== session.filterCount) this.layout(this.size.width, this.size.height, session.filterCount);
    this.status.text = statusLine(session);
    // a report comes five times a second: captions are re-fitted only when they change
    if (this.buttons.pause.text !== pauseCaption(session)) this.buttons.pause.setLabel(pauseCaption(session), 'primary');
    if (this.buttons.speed.text !== speedCaption(session.speed)) this.buttons.speed.setLabel(speedCaption(session.speed));
    const running = session.phase === 'training' || session.phase === 'paused';
    for (const name of ['pause', 'restart', 'keep'] as const) if (this.buttons[name].isEnabled !== running) this.buttons[name].setEnabled(running);
    this.guess.show(readGuess(session.guess), waitingText(session, blank));
    this.filtersTitle.text = session.filterCount > 0 ? `Its first layer: ${session.filterCount} filters of ${session.filterSize}x${session.filterSize}, as they learn` : this.filtersTitle.text;
    this.tiles.show(session.filters, session.filterSize);
    this.accuracy.show(session.accuracy, extentOf(session.accuracy, MIN_SECONDS, 0, 1), percent, wholePercent);
    this.loss.show(session.loss, extentOf(session.loss, MIN_SECONDS, 0, CHANCE_LOSS), lossText);
  }

  setMessage(text: string): void {
    this.message.text = text;
  }

  /** Where a button is, in canvas CSS pixels (the page API). */
  buttonRect(name: TrainButton): Rect {
    return this.buttons[name].bounds();
  }

  /** Where the filters' tiles are, in canvas CSS pixels. */
  filterRects(): readonly Rect[] {
    return this.shape?.filters ?? [];
  }
}
