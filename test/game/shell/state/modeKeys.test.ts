import { expect, test } from 'vitest';
import { CHALLENGE_DEFAULTS } from '../../../../game/shell/state/challengeConfig.ts';
import { freeDrawKey, keyAction, type KeyAction } from '../../../../game/shell/state/modeKeys.ts';
import { MENU, next, type Mode } from '../../../../game/shell/state/modes.ts';
import { createRandom } from '../../../../common/random.ts';

const challenge = next(MENU, { type: 'startChallenge', settings: CHALLENGE_DEFAULTS }, 0, createRandom(1));
const summary: Mode = { kind: 'summary', settings: CHALLENGE_DEFAULTS, results: [], score: 0 };

test.each<[Mode, string, KeyAction | null]>([
  [MENU, 'f', null],
  [MENU, 'Enter', null],
  [MENU, 'Escape', null],
  [{ kind: 'settings' }, 'Escape', 'back'],
  [{ kind: 'settings' }, 'M', 'back'],
  [{ kind: 'settings' }, 'c', null],
  [{ kind: 'number' }, 'm', 'back'],
  [{ kind: 'number' }, 'Escape', 'clear'],
  [{ kind: 'number' }, 'Backspace', 'clear'],
  [{ kind: 'number' }, 'Delete', 'clear'],
  [{ kind: 'number' }, 'Enter', null],
  [{ kind: 'number' }, 'n', null],
  [{ kind: 'free' }, 'n', null],
  [{ kind: 'free' }, 'm', 'back'],
  [{ kind: 'free' }, 'Escape', null],
  [{ kind: 'free' }, 'Enter', null],
  [challenge, 'M', 'back'],
  [challenge, 'Escape', 'clear'],
  [challenge, 'Backspace', 'clear'],
  [challenge, 'Delete', 'clear'],
  [challenge, 'Enter', null],
  [summary, 'Enter', 'playAgain'],
  [summary, ' ', 'playAgain'],
  [summary, 'Escape', 'back'],
  [summary, 'm', 'back'],
  [summary, 'f', null],
  [{ kind: 'free' }, 'i', 'inside'],
  [{ kind: 'inside' }, 'm', 'back'],
  [{ kind: 'inside' }, 'Escape', 'clear'],
  [{ kind: 'inside' }, 'Backspace', 'clear'],
  [{ kind: 'inside' }, 'i', null],
  [{ kind: 'number' }, 'i', null],
])('%o: %s -> %s', (mode, key, action) => {
  expect(keyAction(mode, key)).toBe(action);
});

test.each<[string, 'classify' | 'clear' | null]>([
  ['Enter', 'classify'],
  ['Escape', 'clear'],
  ['Backspace', 'clear'],
  ['Delete', null],
  ['m', null],
  ['f', null],
])('free draw: %s -> %s', (key, action) => {
  expect(freeDrawKey(key)).toBe(action);
});
