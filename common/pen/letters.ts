/**
 * Which letters are no digit. Written alone, many letters are a digit in all but name: O, o, Q and
 * D are zeros, I, i, l and J ones, Z and z twos, S and s fives, G and b sixes, g and q nines, B an
 * eight, and T, t, y and j pass for a 7, 4 or 1. Calling those "not a digit" would teach a model to
 * turn good digits away, so they are neither trained on as non-digits nor counted when measuring how
 * many letters are shown as a digit. Every other letter is no digit however it is written.
 */
export const DIGIT_LOOKALIKE_LETTERS: ReadonlySet<string> = new Set([
  'O', 'o', 'Q', 'D', 'I', 'i', 'l', 'J', 'j', 'Z', 'z', 'S', 's', 'G', 'b', 'g', 'q', 'B', 'T', 't', 'y',
]);

export function isNonDigitLetter(letter: string): boolean {
  return letter.length === 1 && /[A-Za-z]/.test(letter) && !DIGIT_LOOKALIKE_LETTERS.has(letter);
}
