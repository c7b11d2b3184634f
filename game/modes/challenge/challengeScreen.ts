import { Container } from 'pixi.js';
import type { EditableGrid } from '../../shell/drawingEdits.ts';
import { timed } from '../../shell/frames/frameMeter.ts';
import type { Recognition } from '../../shell/reading/recognise.ts';
import type { Screen } from '../../shell/screen.ts';
import { toolsState, type Shell } from '../../shell/shell.ts';
import { describeRoundMs, type ChallengeSettings } from '../../shell/state/challengeConfig.ts';
import { pressMeant, type MeantGate } from '../../shell/state/meantGate.ts';
import { keyAction, meantDigit } from '../../shell/state/modeKeys.ts';
import { startsNewRound, type Mode, type SummaryMode } from '../../shell/state/modes.ts';
import type { DrawingToolsView } from '../../shell/view/drawingTools.ts';
import type { GridView } from '../../shell/view/gridView.ts';
import { ChallengeScreenView } from './view/challengeScreenView.ts';
import { SummaryView } from './view/summaryView.ts';

/** The menu's line about the challenge, from the settings in force. */
export function challengeNote(settings: ChallengeSettings): string {
  const time = settings.roundMs === null ? ', no time limit' : ` of ${describeRoundMs(settings.roundMs)}`;
  return `${settings.rounds} rounds${time} · draw the digit asked`;
}

/**
 * The challenge and its summary: rounds played on the shell's grid, read live; the canvas cleared
 * when a round starts; the score saved and the summary built when the game ends. The rules are the
 * mode machine's (shell/state/modes.ts); this applies them.
 */
export class ChallengeScreen implements Screen {
  readonly animates = true;
  readonly view = new Container();
  private readonly challenge: ChallengeScreenView;
  private readonly drawing: EditableGrid;
  private summary: SummaryView | null = null;
  /** a summary's pending second press of a digit the round's drawing was already read as */
  private gate: MeantGate = null;
  private size = { width: 1, height: 1 };

  constructor(private readonly shell: Shell) {
    const { grid, reading, host } = shell;
    this.drawing = { grid, changed: () => { reading.request(); } };
    this.challenge = new ChallengeScreenView(grid, {
      ...shell.tools,
      clear: () => { this.clear(); },
      menu: () => { host.dispatch({ type: 'back' }); },
    });
    this.view.addChild(this.challenge);
  }

  /** Refused while no model is loaded: the countdown must not run while nothing can guess. */
  choose(): string | null {
    if (this.shell.models.loaded === null) return 'The model is not loaded yet: the challenge needs it to read your drawings';
    this.shell.host.dispatch({ type: 'startChallenge', settings: this.shell.settings.challenge() });
    return null;
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    this.challenge.layout(width, height);
    this.summary?.resize(width, height);
  }

  /** The HUD's countdown and flashes move with the clock. */
  tick(): boolean {
    const mode = this.shell.host.modeNow();
    if (mode.kind === 'challenge') this.challenge.update(mode, this.shell.now(), this.shell.reducedMotion());
    return false;
  }

  follow(before: Mode, after: Mode): void {
    if (after.kind === 'summary' && before.kind !== 'summary') this.finish(after);
    this.challenge.visible = after.kind === 'challenge';
    if (after.kind !== 'summary') this.dropSummary();
    if (startsNewRound(before, after)) {
      this.clear();
      // a new round starts on an empty canvas: nothing before it can be undone
      this.shell.edits.forget(this.shell.grid);
    }
    if (after.kind === 'challenge') this.challenge.update(after, this.shell.now(), this.shell.reducedMotion());
  }

  leave(): void {
    this.dropSummary();
  }

  handleKey(key: string): boolean {
    const { host } = this.shell;
    const mode = host.modeNow();
    switch (keyAction(mode, key)) {
      case 'back':
        host.dispatch({ type: 'back' });
        return true;
      case 'playAgain':
        host.dispatch({ type: 'playAgain' });
        return true;
      case 'clear':
        this.clear();
        return true;
      default:
        return mode.kind === 'summary' && this.meantInRound(key);
    }
  }

  /** Drawing is allowed while a round is being played, not during its result or the summary. */
  drawingOn(): EditableGrid | null {
    const mode = this.shell.host.modeNow();
    return mode.kind === 'challenge' && mode.phase.kind === 'drawing' ? this.drawing : null;
  }

  gridView(): GridView | null {
    return this.shell.host.modeNow().kind === 'challenge' ? this.challenge.gridView : null;
  }

  tools(): DrawingToolsView | null {
    return this.shell.host.modeNow().kind === 'challenge' ? this.challenge.tools : null;
  }

  toolsChanged(): void {
    this.challenge.showTools(toolsState(this.shell, this.shell.grid));
  }

  /** The model's answer for the grid as it is now; copies the grid so the summary keeps the drawing. */
  recognised({ prediction }: Recognition): void {
    const { host, grid } = this.shell;
    if (host.modeNow().kind !== 'challenge') return;
    const digit = prediction.blank ? null : prediction.digit;
    const confidence = digit === null ? undefined : prediction.probabilities[digit];
    if (digit === null || confidence === undefined) host.dispatch({ type: 'blank' });
    else host.dispatch({ type: 'prediction', guess: { digit, confidence }, drawing: grid.cells.slice() });
  }

  private clear(): void {
    const { edits, grid, meter, now, reading } = this.shell;
    edits.beforeClear(grid);
    timed(meter, now, () => { reading.reset(); });
  }

  /** 0-9 in a summary: "I meant this digit" for the selected round's drawing. */
  private meantInRound(key: string): boolean {
    const digit = meantDigit(key);
    if (digit === null || this.summary?.selectedRound() == null) return false;
    this.meant(digit);
    return true;
  }

  /** The player named the digit they meant for the selected round (a key or a digit button). */
  private meant(digit: number): void {
    const seen = this.summary?.selectedRound()?.seen ?? null;
    if (seen === null) return;
    const press = pressMeant(this.gate, digit, seen.guess.digit, this.summary?.selectedIndex() ?? -1);
    this.gate = press.gate;
    if (!press.save) {
      this.summary?.setStatus(press.message);
      this.shell.clock.invalidate();
      return;
    }
    void this.shell.personal.correct({ cells: seen.drawing, guess: seen.guess.digit, confidence: seen.guess.confidence }, digit).then(({ message }) => {
      this.summary?.setStatus(message);
      this.shell.say(message);
      this.shell.clock.invalidate();
    });
  }

  private finish(summary: SummaryMode): void {
    const { score, results } = summary;
    const won = results.filter((r) => r.won).length;
    const { scores, newBest } = this.shell.scores.record({ score, rounds: results.length, won, at: Date.now() });
    this.dropSummary();
    const { grid, host } = this.shell;
    this.summary = new SummaryView(summary, scores.best, newBest, grid.width, grid.height, {
      playAgain: () => { host.dispatch({ type: 'playAgain' }); },
      back: () => { host.dispatch({ type: 'back' }); },
      selected: (index) => { this.shell.say(`Round ${index} chosen: now the digit you meant`); },
      meant: (digit) => { this.meant(digit); },
    });
    this.summary.resize(this.size.width, this.size.height);
    this.view.addChild(this.summary);
  }

  private dropSummary(): void {
    this.gate = null;
    this.summary?.destroy();
    this.summary = null;
  }
}
