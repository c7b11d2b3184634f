import { isRecord } from '../../../common/isRecord.ts';
import { maxScore } from './scoring.ts';

/**
 * Best score and recent challenge results, kept in localStorage.
 *
 * Anything read back is untrusted: the key may be missing, hold corrupt JSON, an older or newer
 * version, values written by another app on the same origin, or edited by hand. Reading validates
 * field by field and falls back to defaults; writing swallows storage errors (private mode, quota,
 * storage disabled). Neither ever throws: losing a high score must not cost the game.
 */

/** The part of the Web Storage API used here, so tests can pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Versioned so a future format change can ignore (not misread) what this one wrote. */
export const SCORES_KEY = 'handwritten-digits/challenge-scores/v1';
const FORMAT_VERSION = 1;
export const RECENT_LIMIT = 10;

/**
 * The most rounds a stored game can have had: links once asked for up to 50 (now ROUNDS_RANGE in
 * challengeConfig.ts allows 20), and games played then stay in the player's history.
 */
const MAX_STORED_ROUNDS = 50;
/** No legitimate game can score more, so a larger stored number is not ours. */
const SCORE_CEILING = maxScore(MAX_STORED_ROUNDS);

export interface GameRecord {
  readonly score: number;
  readonly rounds: number;
  readonly won: number;
  /** when the game ended, ms since the epoch */
  readonly at: number;
}

export interface Scores {
  readonly best: number;
  /** newest first, at most RECENT_LIMIT */
  readonly recent: readonly GameRecord[];
}

export const NO_SCORES: Scores = Object.freeze({ best: 0, recent: Object.freeze([]) });

export function loadScores(store: KeyValueStore | null): Scores {
  let raw: string | null;
  try {
    raw = store?.getItem(SCORES_KEY) ?? null;
  } catch {
    return NO_SCORES;
  }
  if (raw === null) return NO_SCORES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return NO_SCORES;
  }
  return validScores(parsed) ?? NO_SCORES;
}

/** Adds a finished game, saves, and returns the new scores (saved or not). */
export function recordGame(store: KeyValueStore | null, game: GameRecord): Scores {
  const before = loadScores(store);
  const scores: Scores = {
    best: Math.max(before.best, game.score),
    recent: [game, ...before.recent].slice(0, RECENT_LIMIT),
  };
  try {
    store?.setItem(SCORES_KEY, JSON.stringify({ version: FORMAT_VERSION, ...scores }));
  } catch {
    // Not saved (quota, private mode): this session still shows the scores it returns.
  }
  return scores;
}

function validScores(value: unknown): Scores | null {
  if (!isRecord(value) || value.version !== FORMAT_VERSION) return null;
  const best = value.best;
  if (!isCount(best, SCORE_CEILING)) return null;
  const recentRaw = value.recent;
  const recent = Array.isArray(recentRaw) ? recentRaw.map(validGame).filter((g) => g !== null) : [];
  return { best, recent: recent.slice(0, RECENT_LIMIT) };
}

/** A malformed entry is dropped on its own; the rest of the history survives. */
function validGame(value: unknown): GameRecord | null {
  if (!isRecord(value)) return null;
  const { score, rounds, won, at } = value;
  if (!isCount(rounds, MAX_STORED_ROUNDS) || rounds < 1) return null;
  if (!isCount(score, maxScore(rounds)) || !isCount(won, rounds)) return null;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return null;
  return { score, rounds, won, at };
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}
