import { msLeft, type Mode, type RoundResult } from './modes.ts';

/**
 * What `window.handwrittenDigits.mode()` returns: plain JSON for automation and debugging, with
 * rounds counted from 1 as a player would, and no pixel arrays.
 */
export type ModeReport =
  | { readonly kind: 'menu' }
  | { readonly kind: 'free' }
  | { readonly kind: 'inside' }
  /** the number read is its own accessor, window.handwrittenDigits.number() */
  | { readonly kind: 'number' }
  /** each model's reading is its own accessor, window.handwrittenDigits.compare() */
  | { readonly kind: 'compare' }
  | { readonly kind: 'settings' }
  /** the saved digits are their own accessor, window.handwrittenDigits.personal() */
  | { readonly kind: 'digits' }
  /** the training shown is its own accessor, window.handwrittenDigits.train() */
  | { readonly kind: 'train' }
  | {
      readonly kind: 'challenge';
      /** 1-based */
      readonly round: number;
      readonly rounds: number;
      readonly target: number;
      readonly phase: 'drawing' | 'won' | 'lost';
      readonly score: number;
      readonly streak: number;
      /** null when rounds have no time limit */
      readonly secondsLeft: number | null;
      readonly guess: { readonly digit: number; readonly confidence: number } | null;
      /** rounds finished so far, including the current one during its win/lose moment */
      readonly results: readonly RoundReport[];
    }
  | {
      readonly kind: 'summary';
      readonly rounds: number;
      readonly score: number;
      readonly results: readonly RoundReport[];
    };

export interface RoundReport {
  readonly target: number;
  readonly won: boolean;
  readonly seconds: number;
  /** the model's last reading this round, null if nothing was drawn */
  readonly digit: number | null;
  readonly confidence: number | null;
  readonly points: number;
}

export function reportMode(mode: Mode, clock: number): ModeReport {
  switch (mode.kind) {
    case 'menu':
    case 'free':
    case 'inside':
    case 'number':
    case 'compare':
    case 'settings':
    case 'digits':
    case 'train':
      return { kind: mode.kind };
    case 'challenge': {
      const last = mode.results[mode.results.length - 1];
      const phase = mode.phase.kind === 'drawing' ? 'drawing' : last?.won === true ? 'won' : 'lost';
      return {
        kind: 'challenge',
        round: mode.round + 1,
        rounds: mode.settings.rounds,
        target: mode.target,
        phase,
        score: mode.score,
        streak: mode.streak,
        secondsLeft: secondsOf(msLeft(mode, clock)),
        guess: mode.live === null ? null : { digit: mode.live.digit, confidence: mode.live.confidence },
        results: mode.results.map(reportRound),
      };
    }
    case 'summary':
      return {
        kind: 'summary',
        rounds: mode.settings.rounds,
        score: mode.score,
        results: mode.results.map(reportRound),
      };
  }
}

function reportRound(result: RoundResult): RoundReport {
  return {
    target: result.target,
    won: result.won,
    seconds: result.ms / 1000,
    digit: result.seen?.guess.digit ?? null,
    confidence: result.seen?.guess.confidence ?? null,
    points: result.points,
  };
}

function secondsOf(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}
