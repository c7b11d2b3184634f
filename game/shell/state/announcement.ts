import { msLeft, type Mode } from './modes.ts';
import type { Prediction } from './prediction.ts';

/**
 * What a screen reader hears (the page's aria-live="polite" region): short sentences made from the
 * game's state, so the same words a sighted player reads on the canvas reach a listener. Pure, so
 * the wording is tested without a browser.
 */

/** The guess as a listener needs it: "7, sure", "7, not sure", "blank", "not a digit", "too little ink". */
export function announcePrediction(prediction: Prediction): string {
  if (prediction.blank) return 'blank';
  if (prediction.digit === null) return 'not a digit';
  return `${prediction.digit}, ${prediction.unsure ? 'not sure' : 'sure'}`;
}

/**
 * The challenge's events between two modes: a round's target, a win, a time-out, the final score.
 * Null when nothing worth saying happened (a tick, a live guess: those reach the listener through
 * announcePrediction).
 */
export function announceModeChange(before: Mode, after: Mode, clock: number): string | null {
  if (after === before) return null;
  if (after.kind === 'summary' && before.kind !== 'summary') {
    const won = after.results.filter((result) => result.won).length;
    return `Game over: score ${after.score}, ${won} of ${after.results.length} rounds won`;
  }
  if (after.kind !== 'challenge') return null;
  const newRound = before.kind !== 'challenge' || before.round !== after.round;
  if (after.phase.kind === 'drawing' && (newRound || before.phase.kind !== 'drawing')) {
    const left = msLeft(after, clock);
    const limit = left === null ? ', no time limit' : `, ${Math.round(left / 1000)} seconds`;
    return `Round ${after.round + 1} of ${after.settings.rounds}: draw ${withArticle(after.target)}${limit}`;
  }
  if (after.phase.kind === 'result' && (newRound || before.phase.kind !== 'result')) {
    const ended = after.results[after.results.length - 1];
    if (ended === undefined) return null;
    if (ended.won) return `Got it! plus ${ended.points} points, score ${after.score}`;
    return ended.seen === null ? "Time's up, nothing drawn" : `Time's up, it saw ${withArticle(ended.seen.guess.digit)}`;
  }
  return null;
}

/** "an 8", "a 7": read as a sentence. */
function withArticle(digit: number): string {
  return `${digit === 8 ? 'an' : 'a'} ${digit}`;
}
