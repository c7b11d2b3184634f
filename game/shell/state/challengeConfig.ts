import type { QueryParams } from './config.ts';

/**
 * The challenge's settings: defaults and ranges in one place, query parameters validated like
 * GameConfig's, so a typo never stops the game:
 *
 *   ?rounds=N       rounds per game, a whole number in ROUNDS_RANGE            (default 8)
 *   ?seconds=S      countdown per round in SECONDS_RANGE, fractions allowed, or "none" for no limit (default 15)
 *   ?confidence=C   the top guess must be the target with at least C, in CONFIDENCE_RANGE (default 0.9)
 *
 * A number outside its range is clamped to the nearer end; anything else (text, a fraction of a
 * round) keeps the base's value. Either way the page's message line says what was used.
 */
export interface ChallengeSettings {
  readonly rounds: number;
  /** countdown per round, ms; null for no limit (a round then never times out and earns no speed bonus) */
  readonly roundMs: number | null;
  /** a round is won when the top guess is the target with probability >= this, 0..1 */
  readonly confidence: number;
  /** how long the win/lose moment stays on screen before the next round, ms */
  readonly resultMs: number;
}

export interface SettingRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The one range of each setting: what a link may ask for and the two ends the settings screen steps
 * between (savedSettings.ts's choices start and end here), so a value from either is a value of the
 * other. One round is a quick try; past 20 a game outlasts the fun. A round shorter than 3 s leaves
 * no time to draw; past 3 minutes "no limit" says it better.
 */
export const ROUNDS_RANGE: SettingRange = Object.freeze({ min: 1, max: 20 });
export const SECONDS_RANGE: SettingRange = Object.freeze({ min: 3, max: 180 });
/** Below one half another digit could be as likely as the target; at 1 no float reaches the bar. */
export const CONFIDENCE_RANGE: SettingRange = Object.freeze({ min: 0.5, max: 0.99 });

/** `?seconds=none`: no time limit. */
const NO_LIMIT_PARAM = 'none';

export const CHALLENGE_DEFAULTS: ChallengeSettings = Object.freeze({
  rounds: 8,
  roundMs: 15_000,
  confidence: 0.9,
  resultMs: 1_400,
});

export interface ChallengeSettingsReading {
  readonly settings: ChallengeSettings;
  /** what was done with a parameter that could not be used as given, for the page's message line (as GameConfig.problems) */
  readonly problems: readonly string[];
}

/**
 * Reads ?rounds, ?seconds and ?confidence over `base` (the defaults, or what the settings screen
 * saved): a missing value keeps the base's.
 */
export function readChallengeSettings(params: QueryParams, base: ChallengeSettings = CHALLENGE_DEFAULTS): ChallengeSettingsReading {
  const problems: string[] = [];
  /** The parameter's value, clamped into its range; null when it is missing or unusable (then reported, `using` the base's). */
  const read = (name: string, spec: NumberSpec, using: string): number | null => {
    const raw = params.get(name);
    if (raw === null) return null;
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    const { min, max } = spec.range;
    // The raw text is not echoed: it is whatever the URL says, and the bounds are what helps.
    if (Number.isFinite(value) && (!spec.integer || Number.isInteger(value))) {
      if (value >= min && value <= max) return value;
      const clamped = Math.min(max, Math.max(min, value));
      problems.push(`?${name}= goes from ${min} to ${max}; using ${clamped}`);
      return clamped;
    }
    const kind = spec.integer ? 'a whole number' : 'a number';
    const or = name === 'seconds' ? ` or ${NO_LIMIT_PARAM}` : '';
    problems.push(`?${name}= must be ${kind} from ${min} to ${max}${or}; using ${using}`);
    return null;
  };
  const rounds = read('rounds', { range: ROUNDS_RANGE, integer: true }, String(base.rounds));
  const noLimit = params.get('seconds')?.trim().toLowerCase() === NO_LIMIT_PARAM;
  const baseSeconds = base.roundMs === null ? NO_LIMIT_PARAM : String(base.roundMs / 1000);
  const seconds = noLimit ? null : read('seconds', { range: SECONDS_RANGE, integer: false }, baseSeconds);
  const confidence = read('confidence', { range: CONFIDENCE_RANGE, integer: false }, String(base.confidence));
  const settings: ChallengeSettings = Object.freeze({
    ...base,
    rounds: rounds ?? base.rounds,
    roundMs: noLimit ? null : seconds === null ? base.roundMs : Math.round(1000 * seconds),
    confidence: confidence ?? base.confidence,
  });
  return { settings, problems: Object.freeze(problems) };
}

interface NumberSpec {
  readonly range: SettingRange;
  readonly integer: boolean;
}

/** "15 s" or "no limit", for messages and the menu. */
export function describeRoundMs(roundMs: number | null): string {
  return roundMs === null ? 'no limit' : `${roundMs / 1000} s`;
}
