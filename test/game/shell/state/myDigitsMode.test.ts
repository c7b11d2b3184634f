import { expect, test } from 'vitest';
import { createRandom } from '../../../../common/random.ts';
import { CHALLENGE_DEFAULTS } from '../../../../game/shell/state/challengeConfig.ts';
import { freeDrawKey, keyAction, meantDigit, type KeyAction } from '../../../../game/shell/state/modeKeys.ts';
import { reportMode } from '../../../../game/shell/state/modeReport.ts';
import { MENU, next, type Mode, type ModeEvent } from '../../../../game/shell/state/modes.ts';

const DIGITS: Mode = { kind: 'digits' };
const random = createRandom(1);

test.each<[Mode, string, KeyAction | null]>([
  [DIGITS, 'm', 'back'],
  [DIGITS, 'Escape', 'back'],
  [DIGITS, 'd', null],
  [DIGITS, '5', null],
  [{ kind: 'free' }, 'd', null],
])('in %o, key %s asks for %s', (mode, key, action) => {
  expect(keyAction(mode, key)).toBe(action);
});

test.each<[string, number | null]>([
  ['0', 0], ['4', 4], ['9', 9], ['a', null], ['Enter', null], ['10', null], [' ', null],
])('key %s means digit %s', (key, digit) => {
  expect(meantDigit(key)).toBe(digit);
});

test('digit keys are not free draw\'s own keys, so they reach "I meant this digit"', () => {
  for (let d = 0; d <= 9; d++) expect(freeDrawKey(String(d))).toBeNull();
});

test('the menu opens My digits, which ignores the other modes\' events and goes back to the menu', () => {
  const digits = next(MENU, { type: 'chooseDigits' }, 0, random);
  expect(digits).toEqual(DIGITS);
  const events: ModeEvent[] = [{ type: 'chooseFree' }, { type: 'tick' }, { type: 'blank' }, { type: 'startChallenge', settings: CHALLENGE_DEFAULTS }];
  for (const event of events) expect(next(digits, event, 0, random)).toBe(digits);
  expect(next(digits, { type: 'back' }, 0, random)).toBe(MENU);
  expect(reportMode(digits, 0)).toEqual({ kind: 'digits' });
});

test('only the menu opens My digits', () => {
  const free: Mode = { kind: 'free' };
  expect(next(free, { type: 'chooseDigits' }, 0, random)).toBe(free);
});

test('the menu opens Train, which ignores the other modes\' events; M goes back, Escape clears its drawing', () => {
  const train = next(MENU, { type: 'chooseTrain' }, 0, random);
  expect(train).toEqual({ kind: 'train' });
  for (const event of [{ type: 'chooseFree' }, { type: 'tick' }, { type: 'blank' }] as const) expect(next(train, event, 0, random)).toBe(train);
  expect(next(train, { type: 'back' }, 0, random)).toBe(MENU);
  expect(next({ kind: 'free' }, { type: 'chooseTrain' }, 0, random)).toEqual({ kind: 'free' });
  expect(reportMode(train, 0)).toEqual({ kind: 'train' });
  expect([keyAction(train, 'm'), keyAction(train, 'Escape'), keyAction(train, 'Backspace'), keyAction(train, ' ')]).toEqual(['back', 'clear', 'clear', null]);
});
