import { msLeft, type Mode } from './modes.ts';

/**
 * Which moments of a game make which sound, decided from the mode before and after a change (pure,
 * so a scripted game in a unit test hears exactly what a player would):
 *   win       a round ends with the target read confidently
 *   loss      a round times out
 *   tick      each of the last LAST_SECONDS whole seconds of a round with a time limit
 *   gameOver  the summary opens after the last round
 */
export type Cue = 'win' | 'loss' | 'tick' | 'gameOver';

export const LAST_SECONDS = 3;

/** `clockBefore`/`clockAfter`: the clocks (ms) at which `before` and `after` were current. */
export function cuesFor(before: Mode, after: Mode, clockBefore: number, clockAfter: number): Cue[] {
  if (after.kind === 'summary' && before.kind === 'challenge') {
    // the last round's own result already sounded when it ended
    return before.phase.kind === 'result' ? ['gameOver'] : [];
  }
  if (after.kind !== 'challenge') return [];
  const cues: Cue[] = [];
  const ended = after.phase.kind === 'result' && (before.kind !== 'challenge' || before.phase.kind === 'drawing');
  if (ended) {
    const last = after.results[after.results.length - 1];
    if (last !== undefined) cues.push(last.won ? 'win' : 'loss');
    return cues;
  }
  if (before.kind !== 'challenge' || before.round !== after.round || after.phase.kind !== 'drawing') return cues;
  const was = msLeft(before, clockBefore);
  const now = msLeft(after, clockAfter);
  if (was === null || now === null || now <= 0) return cues;
  // a tick as the countdown passes 3 s, 2 s and 1 s left (at most one per frame)
  const second = Math.ceil(now / 1000);
  if (second < Math.ceil(was / 1000) && second <= LAST_SECONDS) cues.push('tick');
  return cues;
}

/** A synthesised note: what the audio adapter plays for a cue. Frequencies in Hz, times in seconds. */
export interface Note {
  readonly frequency: number;
  /** from the cue's start */
  readonly at: number;
  readonly duration: number;
  readonly wave: 'sine' | 'triangle' | 'square';
  /** peak gain, 0..1 */
  readonly gain: number;
}

/** Short and quiet on purpose: a cue should be felt, not get in the way of the next round. */
export const CUE_NOTES: Readonly<Record<Cue, readonly Note[]>> = Object.freeze({
  win: [
    { frequency: 660, at: 0, duration: 0.09, wave: 'triangle', gain: 0.25 },
    { frequency: 990, at: 0.08, duration: 0.16, wave: 'triangle', gain: 0.25 },
  ],
  loss: [
    { frequency: 330, at: 0, duration: 0.14, wave: 'sine', gain: 0.3 },
    { frequency: 220, at: 0.13, duration: 0.25, wave: 'sine', gain: 0.3 },
  ],
  tick: [{ frequency: 1200, at: 0, duration: 0.04, wave: 'square', gain: 0.06 }],
  gameOver: [
    { frequency: 523, at: 0, duration: 0.12, wave: 'triangle', gain: 0.25 },
    { frequency: 659, at: 0.12, duration: 0.12, wave: 'triangle', gain: 0.25 },
    { frequency: 784, at: 0.24, duration: 0.3, wave: 'triangle', gain: 0.25 },
  ],
});
