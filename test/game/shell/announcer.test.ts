import { expect, test } from 'vitest';
import { Announcer } from '../../../game/shell/announcer.ts';
import { MENU } from '../../../game/shell/state/modes.ts';
import { BLANK_PREDICTION, interpret } from '../../../game/shell/state/prediction.ts';

const sure = (digit: number): ReturnType<typeof interpret> =>
  interpret(Array.from({ length: 10 }, (_, d) => (d === digit ? 0.91 : 0.01)));

test('the guess is said when its words change, not at every live prediction, and again after an event', () => {
  const heard: string[] = [];
  const announcer = new Announcer((text) => heard.push(text));
  announcer.guess(BLANK_PREDICTION);
  announcer.guess(sure(7));
  announcer.guess(sure(7));
  announcer.guess(sure(7));
  announcer.guess(sure(1));
  announcer.modeChanged(MENU, MENU, 0);
  announcer.guess(sure(1));
  expect(heard).toEqual(['blank', '7, sure', '1, sure']);
  announcer.modeChanged({ kind: 'summary', settings: { rounds: 1, roundMs: 1000, confidence: 0.9, resultMs: 100 }, results: [], score: 0 }, MENU, 0);
  announcer.modeChanged(MENU, { kind: 'summary', settings: { rounds: 1, roundMs: 1000, confidence: 0.9, resultMs: 100 }, results: [], score: 0 }, 0);
  announcer.guess(sure(1));
  expect(heard).toEqual(['blank', '7, sure', '1, sure', 'Game over: score 0, 0 of 0 rounds won', '1, sure']);
});
