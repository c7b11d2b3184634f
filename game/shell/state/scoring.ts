/**
 * The challenge's scoring rule, in one place.
 *
 * A won round earns
 *   WIN_POINTS                                   for recognising the digit at all,
 * + round(SPEED_POINTS * timeLeft / roundTime)   so a drawing read at once earns twice a last-second one,
 * + STREAK_POINTS * (streak - 1), at most MAX_STREAK_BONUS
 *                                                where streak counts consecutive wins including this one,
 *                                                so a second win in a row earns +25, a third +50, ...
 * A lost round (time-out) earns nothing and breaks the streak.
 *
 * Speed is measured as a fraction of the round's time, so scores stay comparable whatever `?seconds=`
 * is; the cap keeps a long game from being decided by streaks alone.
 */
export const WIN_POINTS = 100;
export const SPEED_POINTS = 100;
export const STREAK_POINTS = 25;
export const MAX_STREAK_BONUS = 150;

export interface WinPoints {
  readonly base: number;
  readonly speed: number;
  readonly streak: number;
  readonly total: number;
}

/**
 * @param msLeft   time left on the countdown when the round was won, clamped to 0..roundMs
 * @param roundMs  the round's full time, > 0
 * @param streak   consecutive wins including this one, >= 1
 */
export function pointsForWin(msLeft: number, roundMs: number, streak: number): WinPoints {
  const fractionLeft = Math.min(1, Math.max(0, msLeft / roundMs));
  const speed = Math.round(SPEED_POINTS * fractionLeft);
  const streakBonus = Math.min(MAX_STREAK_BONUS, STREAK_POINTS * Math.max(0, streak - 1));
  return { base: WIN_POINTS, speed, streak: streakBonus, total: WIN_POINTS + speed + streakBonus };
}

/** The most a game of `rounds` rounds can score: every round won instantly. Bounds stored scores. */
export function maxScore(rounds: number): number {
  let total = 0;
  for (let streak = 1; streak <= rounds; streak++) total += pointsForWin(1, 1, streak).total;
  return total;
}
