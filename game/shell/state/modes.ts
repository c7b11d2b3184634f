import { NUM_CLASSES } from '../../../common/digit.ts';
import { randomIndex, type Random } from '../../../common/random.ts';
import type { ChallengeSettings } from './challengeConfig.ts';
import { pointsForWin } from './scoring.ts';

/**
 * The game's modes as a typed state machine. `next` is pure: the clock (ms, any monotonic origin)
 * and the randomness come in as arguments, so a test can script a whole challenge without a browser,
 * and views only ever read a Mode.
 *
 *   menu --chooseFree--> free --back--> menu
 *   menu --chooseNumber--> number --back--> menu   (several digits on a wide canvas, read live)
 *   menu or free --chooseInside--> inside --back--> menu   (free draw's grid, the network's layers shown)
 *   menu --chooseSettings--> settings --back--> menu   (the challenge's settings and the sound)
 *   menu --chooseDigits--> digits --back--> menu   (the player's saved digits, teaching)
 *   menu --chooseCompare--> compare --back--> menu   (free draw's grid read by every model side by side)
 *   menu --chooseTrain--> train --back--> menu   (a network trained from scratch in the page)
 *   menu --startChallenge--> challenge(round 0, drawing)
 *   challenge(drawing) --confident target / time-out--> challenge(result) --tick after resultMs-->
 *     challenge(next round, drawing)  or, after the last round,  summary
 *   summary --playAgain--> challenge(round 0)      any mode --back--> menu
 *
 * `next` returns the very same object when an event changes nothing, so callers can skip redraws.
 */

export interface Guess {
  /** the model's top class, 0..9 */
  readonly digit: number;
  /** its probability, 0..1 */
  readonly confidence: number;
}

/** A guess together with the drawing it was made from. */
export interface Sighting {
  readonly guess: Guess;
  /** the 28x28 grid's pixels when the guess was made (a copy handed in with the event; never
   * mutated here) */
  readonly drawing: Float32Array;
}

export interface RoundResult {
  readonly target: number;
  readonly won: boolean;
  /** from the round's start to the win, or the full round time for a time-out, ms */
  readonly ms: number;
  /** the model's last reading of a non-blank drawing this round; null if nothing was drawn */
  readonly seen: Sighting | null;
  readonly points: number;
  /** consecutive wins ending with this round (0 after a loss) */
  readonly streak: number;
}

export type RoundPhase =
  | { readonly kind: 'drawing' }
  /** the win/lose moment: input paused, the last result on screen until `until` (clock ms) */
  | { readonly kind: 'result'; readonly until: number };

export interface MenuMode {
  readonly kind: 'menu';
}

export interface FreeMode {
  readonly kind: 'free';
}

/** Free draw's grid with the network's insides on show (game/modes/inside/insideLive.ts); reached from the menu or free draw. */
export interface InsideMode {
  readonly kind: 'inside';
}

/** Writing a whole number on a wide canvas; the reading is the page's, like free draw's prediction. */
export interface NumberMode {
  readonly kind: 'number';
}

/** Free draw's grid read by every model there is, side by side (game/modes/compare/). */
export interface CompareMode {
  readonly kind: 'compare';
}

/** The challenge's settings screen; what it edits lives with its controller, not in the mode. */
export interface SettingsMode {
  readonly kind: 'settings';
}

/** My digits: the player's saved examples and their personal model; its state is the page's. */
export interface DigitsMode {
  readonly kind: 'digits';
}

/** Train: a small network trained from scratch while the player watches; its state is the room's (game/modes/train/). */
export interface TrainMode {
  readonly kind: 'train';
}

export interface ChallengeMode {
  readonly kind: 'challenge';
  readonly settings: ChallengeSettings;
  /** 0-based index of the round being played (or, in its result phase, just finished) */
  readonly round: number;
  /** the digit asked for, 0..9 */
  readonly target: number;
  /** clock when this round's countdown started, ms */
  readonly startedAt: number;
  readonly phase: RoundPhase;
  /** the current guess shown live; null while the canvas is blank */
  readonly live: Guess | null;
  /** the last non-blank reading this round, kept for the summary even if the canvas is cleared */
  readonly seen: Sighting | null;
  /** finished rounds, oldest first; includes the current round during its result phase */
  readonly results: readonly RoundResult[];
  readonly score: number;
  readonly streak: number;
}

export interface SummaryMode {
  readonly kind: 'summary';
  readonly settings: ChallengeSettings;
  readonly results: readonly RoundResult[];
  readonly score: number;
}

export type Mode = MenuMode | FreeMode | InsideMode | NumberMode | CompareMode | SettingsMode | DigitsMode | TrainMode | ChallengeMode | SummaryMode;

export type ModeEvent =
  | { readonly type: 'chooseFree' }
  | { readonly type: 'chooseNumber' }
  | { readonly type: 'chooseInside' }
  | { readonly type: 'chooseSettings' }
  | { readonly type: 'chooseDigits' }
  | { readonly type: 'chooseCompare' }
  | { readonly type: 'chooseTrain' }
  | { readonly type: 'startChallenge'; readonly settings: ChallengeSettings }
  | { readonly type: 'playAgain' }
  | { readonly type: 'back' }
  /** the model's top guess for the current (non-blank) 28x28 drawing, as free draw shows it
   * (game/shell/reading/recognise.ts): ink the model turns away as no digit (yet) sends no guess,
   * nor, for a model without that output, ink too small or too flat for a digit; so neither ever
   * wins a round, and a round is judged by the rule free draw shows */
  | { readonly type: 'prediction'; readonly guess: Guess; readonly drawing: Float32Array }
  /** the canvas is empty (cleared), so there is no guess */
  | { readonly type: 'blank' }
  /** time passed; sent every frame so time-outs and the result pause end on time */
  | { readonly type: 'tick' };

export const MENU: MenuMode = Object.freeze({ kind: 'menu' });

export function next(mode: Mode, event: ModeEvent, clock: number, random: Random): Mode {
  if (event.type === 'back') return mode.kind === 'menu' ? mode : MENU;
  switch (mode.kind) {
    case 'menu':
      if (event.type === 'chooseFree') return { kind: 'free' };
      if (event.type === 'chooseNumber') return { kind: 'number' };
      if (event.type === 'chooseInside') return { kind: 'inside' };
      if (event.type === 'chooseSettings') return { kind: 'settings' };
      if (event.type === 'chooseDigits') return { kind: 'digits' };
      if (event.type === 'chooseCompare') return { kind: 'compare' };
      if (event.type === 'chooseTrain') return { kind: 'train' };
      if (event.type === 'startChallenge') return startChallenge(event.settings, clock, random);
      return mode;
    case 'free':
      return event.type === 'chooseInside' ? { kind: 'inside' } : mode;
    case 'inside':
    case 'number':
    case 'compare':
    case 'settings':
    case 'digits':
    case 'train':
      return mode;
    case 'challenge':
      return nextInChallenge(mode, event, clock, random);
    case 'summary':
      return event.type === 'playAgain' ? startChallenge(mode.settings, clock, random) : mode;
  }
}

/** A uniformly random digit, never `previous` (no immediate repeats). One draw from `random`. */
export function pickTarget(random: Random, previous: number | null): number {
  if (previous === null) return randomIndex(random, NUM_CLASSES);
  const pick = randomIndex(random, NUM_CLASSES - 1);
  return pick >= previous ? pick + 1 : pick;
}

/**
 * Time left on the current round's countdown, ms, 0..roundMs (frozen at the result when it ended);
 * null when rounds have no time limit.
 */
export function msLeft(mode: ChallengeMode, clock: number): number | null {
  const { roundMs } = mode.settings;
  if (roundMs === null) return null;
  if (mode.phase.kind === 'result') {
    const last = mode.results[mode.results.length - 1];
    return last === undefined ? 0 : roundMs - last.ms;
  }
  return Math.min(roundMs, Math.max(0, mode.startedAt + roundMs - clock));
}

/** True when the mode changes into a fresh round, which must start on an empty canvas. */
export function startsNewRound(previous: Mode, current: Mode): boolean {
  if (current.kind !== 'challenge' || current.phase.kind !== 'drawing') return false;
  return previous.kind !== 'challenge' || previous.round !== current.round || previous.phase.kind !== 'drawing';
}

function startChallenge(settings: ChallengeSettings, clock: number, random: Random): ChallengeMode {
  return {
    kind: 'challenge',
    settings,
    round: 0,
    target: pickTarget(random, null),
    startedAt: clock,
    phase: { kind: 'drawing' },
    live: null,
    seen: null,
    results: [],
    score: 0,
    streak: 0,
  };
}

function nextInChallenge(mode: ChallengeMode, event: ModeEvent, clock: number, random: Random): Mode {
  if (mode.phase.kind === 'result') {
    if (event.type !== 'tick' || clock < mode.phase.until) return mode;
    return nextRound(mode, clock, random);
  }
  // A time-out wins over whatever arrives with it: a guess made after the buzzer does not count.
  const { roundMs } = mode.settings;
  if (roundMs !== null && clock >= mode.startedAt + roundMs) return endRound(mode, false, clock);
  switch (event.type) {
    case 'prediction': {
      const seen: Sighting = { guess: event.guess, drawing: event.drawing };
      const playing: ChallengeMode = { ...mode, live: event.guess, seen };
      const hit = event.guess.digit === mode.target && event.guess.confidence >= mode.settings.confidence;
      return hit ? endRound(playing, true, clock) : playing;
    }
    case 'blank':
      return mode.live === null ? mode : { ...mode, live: null };
    default:
      return mode;
  }
}

function endRound(mode: ChallengeMode, won: boolean, clock: number): ChallengeMode {
  const roundMs = mode.settings.roundMs;
  // Without a limit a loss only comes from leaving, so it never reaches here; the time taken still shows.
  const taken = Math.max(0, clock - mode.startedAt);
  const ms = roundMs === null ? taken : won ? Math.min(roundMs, taken) : roundMs;
  const streak = won ? mode.streak + 1 : 0;
  // no limit, no speed bonus: the time left is a fraction of nothing
  const points = won ? pointsForWin(roundMs === null ? 0 : roundMs - ms, roundMs ?? 1, streak).total : 0;
  const result: RoundResult = { target: mode.target, won, ms, seen: mode.seen, points, streak };
  return {
    ...mode,
    phase: { kind: 'result', until: clock + mode.settings.resultMs },
    results: [...mode.results, result],
    score: mode.score + points,
    streak,
  };
}

function nextRound(mode: ChallengeMode, clock: number, random: Random): Mode {
  if (mode.round + 1 >= mode.settings.rounds) {
    return { kind: 'summary', settings: mode.settings, results: mode.results, score: mode.score };
  }
  return {
    ...mode,
    round: mode.round + 1,
    target: pickTarget(random, mode.target),
    startedAt: clock,
    phase: { kind: 'drawing' },
    live: null,
    seen: null,
  };
}
