import { NOT_A_DIGIT, OUTPUTS_WITH_REJECTION } from '../../common/reading.ts';

/**
 * The "not a digit" threshold, chosen on held-out whole digits: the lowest value that turns away
 * at most `falseRejects` of them, so every non-digit the model is at least that sure of is turned
 * away. Kept between FLOOR and CEILING so that neither a near-perfect validation set nor a poor one
 * gives a rule that rejects at a whisper or never.
 */
const FLOOR = 0.2;
const CEILING = 0.9;

export function chooseRejectThreshold(probabilities: Float32Array, falseRejects: number): number {
  const n = probabilities.length / OUTPUTS_WITH_REJECTION;
  const shares = new Float64Array(n);
  for (let i = 0; i < n; i++) shares[i] = probabilities[i * OUTPUTS_WITH_REJECTION + NOT_A_DIGIT] ?? 0;
  shares.sort();
  const allowed = Math.floor(n * falseRejects);
  // rejecting at >= t turns away every share >= t; the (allowed+1)-th largest share, nudged up, is the lowest t that keeps the rest
  const boundary = shares[n - 1 - allowed] ?? 0;
  return Math.min(CEILING, Math.max(FLOOR, boundary + 1e-6));
}

/** The share of rows whose "not a digit" output reaches `threshold`. */
export function rejectedShare(probabilities: Float32Array, threshold: number): number {
  const n = probabilities.length / OUTPUTS_WITH_REJECTION;
  let rejected = 0;
  for (let i = 0; i < n; i++) if ((probabilities[i * OUTPUTS_WITH_REJECTION + NOT_A_DIGIT] ?? 0) >= threshold) rejected++;
  return n > 0 ? rejected / n : 0;
}
