/**
 * "I meant this digit" (a digit key or a probability bar in free draw, a digit key on a challenge's
 * summary) saves the drawing for teaching. When the model already reads the drawing as that digit,
 * the press is more likely a player typing along than a correction, so it saves only on a second
 * press of the same digit for the same drawing, the way Clear all asks twice in My digits. A press
 * that corrects a misreading saves at once.
 */

/** The press waiting for its second press: which digit, for which drawing (a number the caller changes with the drawing). */
export type MeantGate = { readonly digit: number; readonly drawing: number } | null;

export type MeantPress =
  | { readonly save: true; readonly gate: MeantGate }
  | { readonly save: false; readonly gate: MeantGate; readonly message: string };

/** What a press of `digit` does for `drawing`, whose reading is `guess` (null: no reading). */
export function pressMeant(gate: MeantGate, digit: number, guess: number | null, drawing: number): MeantPress {
  if (guess !== digit) return { save: true, gate: null };
  if (gate !== null && gate.digit === digit && gate.drawing === drawing) return { save: true, gate: null };
  return { save: false, gate: { digit, drawing }, message: `It already reads ${digit}: ${digit} again saves it for teaching` };
}
