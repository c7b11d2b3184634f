/**
 * The challenge's settings: defaults in one place, query parameters validated with named errors.
 *
 *   ?rounds=N       rounds per game, integer 1..MAX_ROUNDS            (default 8)
 *   ?seconds=S      countdown per round, 1..300, fractions allowed    (default 15)
 *   ?confidence=C   the top guess must be the target with at least C, 0.1..1 (default 0.9)
 */
export interface ChallengeSettings {
  readonly rounds: number;
  /** countdown per round, ms */
  readonly roundMs: number;
  /** a round is won when the top guess is the target with probability >= this, 0..1 */
  readonly confidence: number;
  /** how long the win/lose moment stays on screen before the next round, ms */
  readonly resultMs: number;
}

/** Bounds the stored best score too (see scores.ts), so keep it modest. */
export const MAX_ROUNDS = 50;

export const CHALLENGE_DEFAULTS: ChallengeSettings = Object.freeze({
  rounds: 8,
  roundMs: 15_000,
  confidence: 0.9,
  resultMs: 1_400,
});

/** Thrown for a query parameter that is present but unusable; the message names it and the bounds. */
export class ChallengeConfigError extends Error {
  override readonly name = 'ChallengeConfigError';
}

function readNumber(
  params: URLSearchParams,
  name: string,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const ok = Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    throw new ChallengeConfigError(`?${name}= must be ${kind} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Reads ?rounds, ?seconds and ?confidence from a query string such as `location.search`. */
export function parseChallengeSettings(search: string | URLSearchParams): ChallengeSettings {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const rounds = readNumber(params, 'rounds', 1, MAX_ROUNDS, true);
  const seconds = readNumber(params, 'seconds', 1, 300, false);
  const confidence = readNumber(params, 'confidence', 0.1, 1, false);
  return Object.freeze({
    ...CHALLENGE_DEFAULTS,
    ...(rounds === undefined ? {} : { rounds }),
    ...(seconds === undefined ? {} : { roundMs: Math.round(seconds * 1000) }),
    ...(confidence === undefined ? {} : { confidence }),
  });
}
