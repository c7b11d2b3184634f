import { expect, test } from 'vitest';
import { createRandom } from '../../../../common/random.ts';
import { CHALLENGE_DEFAULTS } from '../../../../game/shell/state/challengeConfig.ts';
import { keyAction, type KeyAction } from '../../../../game/shell/state/modeKeys.ts';
import { reportMode } from '../../../../game/shell/state/modeReport.ts';
import { MENU, next, type Mode, type ModeEvent } from '../../../../game/shell/state/modes.ts';

const COMPARE: Mode = { kind: 'compare' };
const random = createRandom(1);

test.each<[string, KeyAction | null]>([
  ['m', 'back'], ['M', 'back'], ['Escape', 'clear'], ['Backspace', 'clear'], ['p', null], ['5', null],
])('in Compare, key %s asks for %s', (key, action) => {
  expect(keyAction(COMPARE, key)).toBe(action);
});

test('the menu opens Compare, which ignores the other modes\' events and goes back to the menu', () => {
  const compare = next(MENU, { type: 'chooseCompare' }, 0, random);
  expect(compare).toEqual(COMPARE);
  const events: ModeEvent[] = [{ type: 'chooseFree' }, { type: 'chooseInside' }, { type: 'tick' }, { type: 'blank' }, { type: 'startChallenge', settings: CHALLENGE_DEFAULTS }];
  for (const event of events) expect(next(compare, event, 0, random)).toBe(compare);
  expect(next(compare, { type: 'back' }, 0, random)).toBe(MENU);
  expect(reportMode(compare, 0)).toEqual({ kind: 'compare' });
});

test('only the menu opens Compare', () => {
  const free: Mode = { kind: 'free' };
  expect(next(free, { type: 'chooseCompare' }, 0, random)).toBe(free);
});
