import { expect, test } from 'vitest';
import { pressMeant, type MeantGate } from '../../../../game/shell/state/meantGate.ts';

/** Plays presses of [digit, guess, drawing] from no pending press; returns which saved. */
function play(presses: readonly (readonly [number, number | null, number])[]): boolean[] {
  let gate: MeantGate = null;
  return presses.map(([digit, guess, drawing]) => {
    const press = pressMeant(gate, digit, guess, drawing);
    gate = press.gate;
    return press.save;
  });
}

test.each<[string, readonly (readonly [number, number | null, number])[], boolean[]]>([
  ['a correction of a misreading saves at once', [[7, 1, 0]], [true]],
  ['a drawing with no reading saves at once', [[7, null, 0]], [true]],
  ['the digit it already reads asks first, saves on the second press', [[7, 7, 0], [7, 7, 0]], [false, true]],
  ['a third press asks again: one save per two presses', [[7, 7, 0], [7, 7, 0], [7, 7, 0]], [false, true, false]],
  ['another digit in between cancels the pending press', [[7, 7, 0], [3, 7, 0], [7, 7, 0]], [false, true, false]],
  ['a new drawing cancels the pending press', [[7, 7, 0], [7, 7, 1], [7, 7, 1]], [false, false, true]],
])('%s', (_, presses, saves) => {
  expect(play(presses)).toEqual(saves);
});

test('the first press says what it is waiting for', () => {
  const press = pressMeant(null, 9, 9, 4);
  expect(press).toEqual({ save: false, gate: { digit: 9, drawing: 4 }, message: 'It already reads 9: 9 again saves it for teaching' });
});
