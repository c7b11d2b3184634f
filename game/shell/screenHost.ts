import type { Container } from 'pixi.js';
import type { Random } from '../../common/random.ts';
import { describeRoundMs, type ChallengeSettings } from './state/challengeConfig.ts';
import type { Grid } from '../../common/ink/grid.ts';
import { freeDrawKey, keyAction, meantDigit } from './state/modeKeys.ts';
import { reportMode, type ModeReport } from './state/modeReport.ts';
import { MENU, next, startsNewRound, type Mode, type ModeEvent, type RoundResult } from './state/modes.ts';
import type { Prediction } from './state/prediction.ts';
import { loadScores, recordGame, type KeyValueStore, type Scores } from './state/scores.ts';
import { ChallengeScreenView } from '../modes/challenge/view/challengeScreenView.ts';
import type { DrawingToolsView, ToolActions, ToolsState } from './view/drawingTools.ts';
import type { Rect } from './layout/rect.ts';
import type { GridView } from './view/gridView.ts';
import { MenuView } from '../modes/menu/view/menuView.ts';
import { SummaryView } from '../modes/challenge/view/summaryView.ts';

export interface ModeScreensOptions {
  readonly stage: Container;
  readonly grid: Grid;
  /** free drawing's screen, owned by the caller; shown only in free mode */
  readonly freeScreen: Container & { readonly gridView: GridView };
  /** the Number mode's screen with its wide grid, owned by the caller; shown only in that mode */
  readonly numberScreen: Container & { readonly gridView: GridView };
  /** the Inside mode's screen, on free draw's grid; shown only in that mode */
  readonly insideScreen: Container & { readonly gridView: GridView };
  /** the challenge settings in force (the settings screen changes them) */
  settings(): ChallengeSettings;
  /** the settings screen's view, owned by the caller; shown only in the settings mode */
  readonly settingsScreen: Container & { resize(width: number, height: number): void };
  /** the drawing tools' buttons on the challenge screen */
  readonly tools: ToolActions;
  /** localStorage, or null where it is unavailable */
  readonly store: KeyValueStore | null;
  readonly random: Random;
  /** the clock the mode machine runs on, ms */
  now(): number;
  /** empties the grid and resets what is shown for it (free draw's Reset) */
  clearCanvas(): void;
  /** a challenge round starts, on a canvas just cleared (nothing before it can be undone) */
  roundStarted(): void;
  /** reads free draw's grid now (Enter) */
  classify(): void;
  /** empties the Number mode's wide grid and its reading */
  clearNumber(): void;
  /** empties the grid and what the Inside mode shows for it */
  clearInside(): void;
  /** the Inside mode was entered: read the grid */
  enterInside(): void;
  /** whether a model is loaded: a challenge's countdown must not run while nothing can guess */
  canGuess(): boolean;
  /** every change of mode, after it is shown (the screen reader's announcements) */
  modeChanged(before: Mode, after: Mode): void;
  /** prefers-reduced-motion: the challenge's countdown steps and its flash holds */
  reducedMotion(): boolean;
  /** the My digits screen, owned by the caller; shown only in that mode, refreshed on entering it */
  readonly myDigits: Container;
  enterMyDigits(): void;
  /** free draw's "I meant this digit" (a key 0-9; a bar click goes to the caller directly) */
  meant(digit: number): void;
  /** a challenge summary's "I meant this digit" for one round's drawing */
  meantInRound(result: RoundResult, digit: number): void;
}

/**
 * Glue between the mode machine and its views: owns the current Mode, feeds it events with the
 * clock and randomness, shows the view for each mode, clears the canvas when a round starts and
 * saves scores when a challenge ends. All the rules live in modes.ts; this only applies them.
 */
export class ModeScreens {
  private mode: Mode = MENU;
  private scores: Scores;
  private readonly menu: MenuView;
  private readonly challenge: ChallengeScreenView;
  private summary: SummaryView | null = null;
  private size = { width: 1, height: 1 };

  constructor(private readonly options: ModeScreensOptions) {
    this.scores = loadScores(options.store);
    this.menu = new MenuView([
      {
        text: 'Free draw',
        note: 'F · draw any digit and watch the network read it',
        onPress: () => { this.dispatch({ type: 'chooseFree' }); },
      },
      {
        text: 'Challenge',
        note: challengeNote(options.settings()),
        onPress: () => { this.startChallenge(); },
      },
      {
        text: 'Number',
        note: 'N · several digits side by side, read as one number',
        onPress: () => { this.dispatch({ type: 'chooseNumber' }); },
      },
      {
        text: 'Inside',
        note: 'I · every layer responding as you draw, and why it chose',
        onPress: () => { this.dispatch({ type: 'chooseInside' }); },
      },
      {
        text: 'My digits',
        note: 'D · the digits you corrected · teach it your handwriting',
        onPress: () => { this.dispatch({ type: 'chooseDigits' }); },
      },
      {
        text: 'Settings',
        note: 'O · rounds, time per round (or no limit), confidence, sound',
        onPress: () => { this.dispatch({ type: 'chooseSettings' }); },
      },
    ]);
    this.challenge = new ChallengeScreenView(options.grid, {
      ...options.tools,
      clear: () => { options.clearCanvas(); },
      menu: () => { this.dispatch({ type: 'back' }); },
    });
    options.stage.addChild(this.menu, this.challenge, options.settingsScreen, options.myDigits);
    this.show();
  }

  /** Mode as reported by window.handwrittenDigits.mode(); the menu and summary add the best score saved here. */
  report(): ModeReport | (ModeReport & { readonly best: number }) {
    const report = reportMode(this.mode, this.options.now());
    return report.kind === 'menu' || report.kind === 'summary' ? { ...report, best: this.scores.best } : report;
  }

  /** The mode now, for what follows it frame by frame (the sound cues). */
  current(): Mode {
    return this.mode;
  }

  /** The challenge settings changed: the menu's line about the challenge follows. */
  settingsChanged(settings: ChallengeSettings): void {
    this.menu.setNote(1, challengeNote(settings));
  }

  /** The challenge screen's drawing tools while a challenge is on screen, else null. */
  challengeTools(): DrawingToolsView | null {
    return this.mode.kind === 'challenge' ? this.challenge.tools : null;
  }

  showTools(state: ToolsState): void {
    this.challenge.showTools(state);
  }

  backToMenu(): void {
    this.dispatch({ type: 'back' });
  }

  /** Free draw shows its own messages; the menu shows the same line. */
  showMessage(text: string): void {
    this.menu.showMessage(text);
  }

  /** Drawing is allowed in free draw and while a round is being played (not during its result). */
  drawingEnabled(): boolean {
    return this.mode.kind === 'free' || this.mode.kind === 'inside' || (this.mode.kind === 'challenge' && this.mode.phase.kind === 'drawing');
  }

  isFree(): boolean {
    return this.mode.kind === 'free';
  }

  isInside(): boolean {
    return this.mode.kind === 'inside';
  }

  /** The Number mode draws on its own wide grid, with its own pointer input. */
  isNumber(): boolean {
    return this.mode.kind === 'number';
  }

  /** The grid view on screen, for mapping pointer positions (free draw and a challenge share a layout). */
  gridView(): GridView {
    if (this.mode.kind === 'number') return this.options.numberScreen.gridView;
    if (this.mode.kind === 'inside') return this.options.insideScreen.gridView;
    return this.mode.kind === 'challenge' ? this.challenge.gridView : this.options.freeScreen.gridView;
  }

  /** The model's answer for the grid as it is now; copies the grid so the summary keeps the drawing. */
  recognised(prediction: Prediction): void {
    if (this.mode.kind !== 'challenge') return;
    const digit = prediction.blank ? null : prediction.digit;
    const confidence = digit === null ? undefined : prediction.probabilities[digit];
    if (digit === null || confidence === undefined) {
      this.dispatch({ type: 'blank' });
    } else {
      this.dispatch({ type: 'prediction', guess: { digit, confidence }, drawing: this.options.grid.cells.slice() });
    }
  }

  /** What became of a summary's correction ("Saved as a 4"), after the score line. */
  showSummaryStatus(text: string): void {
    this.summary?.setStatus(text);
  }

  /** The menu's buttons and their labels, in canvas CSS pixels (for tests that click them). */
  menuButtons(): readonly { readonly text: string; readonly rect: Rect }[] {
    return this.menu.buttonRects();
  }

  /** Every key of the game, in every mode; returns true when the key was used (the caller then prevents its default). */
  handleKey(key: string): boolean {
    switch (keyAction(this.mode, key)) {
      case null:
        if (this.mode.kind === 'summary') return this.handleSummaryKey(key);
        return this.mode.kind === 'free' && this.handleFreeDrawKey(key);
      case 'digits':
        this.dispatch({ type: 'chooseDigits' });
        return true;
      case 'free':
        this.dispatch({ type: 'chooseFree' });
        return true;
      case 'challenge':
        this.startChallenge();
        return true;
      case 'number':
        this.dispatch({ type: 'chooseNumber' });
        return true;
      case 'settings':
        this.dispatch({ type: 'chooseSettings' });
        return true;
      case 'inside':
        this.dispatch({ type: 'chooseInside' });
        return true;
      case 'playAgain':
        this.dispatch({ type: 'playAgain' });
        return true;
      case 'back':
        this.dispatch({ type: 'back' });
        return true;
      case 'clear':
        if (this.mode.kind === 'number') this.options.clearNumber();
        else if (this.mode.kind === 'inside') this.options.clearInside();
        else this.options.clearCanvas();
        return true;
    }
  }

  /** Every frame: time-outs and the result pause end on time, and the HUD moves. */
  tick(): void {
    this.dispatch({ type: 'tick' });
    if (this.mode.kind === 'challenge') this.challenge.update(this.mode, this.options.now(), this.options.reducedMotion());
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    this.menu.resize(width, height);
    this.challenge.layout(width, height);
    this.summary?.resize(width, height);
    this.options.settingsScreen.resize(width, height);
  }

  /** 0-9 in a summary: "I meant this digit" for the selected round's drawing. */
  private handleSummaryKey(key: string): boolean {
    const digit = meantDigit(key);
    const round = this.summary?.selectedRound() ?? null;
    if (digit === null || round === null) return false;
    this.options.meantInRound(round, digit);
    return true;
  }

  private handleFreeDrawKey(key: string): boolean {
    switch (freeDrawKey(key)) {
      case null: {
        const digit = meantDigit(key);
        if (digit === null) return false;
        this.options.meant(digit);
        return true;
      }
      case 'classify':
        this.options.classify();
        return true;
      case 'clear':
        this.options.clearCanvas();
        return true;
    }
  }

  private startChallenge(): void {
    if (!this.options.canGuess()) {
      this.menu.showMessage('The model is not loaded yet: the challenge needs it to read your drawings');
      return;
    }
    this.dispatch({ type: 'startChallenge', settings: this.options.settings() });
  }

  private dispatch(event: ModeEvent): void {
    const before = this.mode;
    const after = next(before, event, this.options.now(), this.options.random);
    if (after === before) return;
    this.mode = after;
    if (after.kind === 'summary' && before.kind !== 'summary') this.finishChallenge(after);
    if (after.kind === 'menu') this.scores = this.withSessionBest(loadScores(this.options.store));
    if (after.kind !== before.kind) this.show();
    if (startsNewRound(before, after)) {
      this.options.clearCanvas();
      this.options.roundStarted();
    }
    if (after.kind === 'challenge') this.challenge.update(after, this.options.now(), this.options.reducedMotion());
    this.options.modeChanged(before, after);
  }

  private finishChallenge(summary: Extract<Mode, { kind: 'summary' }>): void {
    const { score, results } = summary;
    const previousBest = this.withSessionBest(loadScores(this.options.store)).best;
    const won = results.filter((r) => r.won).length;
    const saved = recordGame(this.options.store, { score, rounds: results.length, won, at: Date.now() });
    this.scores = this.withSessionBest(saved);
    this.summary?.destroy();
    const { grid } = this.options;
    this.summary = new SummaryView(summary, this.scores.best, score > previousBest, grid.width, grid.height, {
      playAgain: () => { this.dispatch({ type: 'playAgain' }); },
      back: () => { this.dispatch({ type: 'back' }); },
    });
    this.summary.resize(this.size.width, this.size.height);
    this.options.stage.addChild(this.summary);
  }

  /** Where storage is unavailable (private mode, sandboxed frame), this session's best still shows. */
  private withSessionBest(saved: Scores): Scores {
    return saved.best >= this.scores.best ? saved : { ...saved, best: this.scores.best };
  }

  private show(): void {
    const kind = this.mode.kind;
    this.menu.visible = kind === 'menu';
    this.options.freeScreen.visible = kind === 'free';
    this.options.numberScreen.visible = kind === 'number';
    this.options.insideScreen.visible = kind === 'inside';
    if (kind === 'inside') this.options.enterInside();
    this.challenge.visible = kind === 'challenge';
    this.options.settingsScreen.visible = kind === 'settings';
    this.options.myDigits.visible = kind === 'digits';
    if (kind === 'digits') this.options.enterMyDigits();
    if (kind !== 'summary' && this.summary !== null) {
      this.summary.destroy();
      this.summary = null;
    }
    if (kind === 'menu') this.menu.showScores(this.scores);
  }
}

function challengeNote(settings: ChallengeSettings): string {
  const time = settings.roundMs === null ? ', no time limit' : ` of ${describeRoundMs(settings.roundMs)}`;
  return `C · ${settings.rounds} rounds${time} · draw the digit asked`;
}
