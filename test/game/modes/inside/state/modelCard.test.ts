import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cardLines, formatDuration, readModelCard } from '../../../../../game/modes/inside/state/modelCard.ts';

// The card shows what the shipped models' metadata.json recorded, number for number.

test('the card of the shipped default names its data and credits UNIPEN', () => {
  const card = readModelCard(JSON.parse(readFileSync('assets/models/default/metadata.json', 'utf8')), 'fallback');
  expect(cardLines(card).join('\n')).toMatch(/data: MNIST; UNIPEN train_r01_v07 .*doi:10\.5281\/zenodo\.1195803; CC BY 4\.0/);
});

test.each(['default', 'seed'])('the card of the shipped %s says how its weights are stored', (name) => {
  const card = readModelCard(JSON.parse(readFileSync(`assets/models/${name}/metadata.json`, 'utf8')), 'fallback');
  expect(cardLines(card).find((line) => line.startsWith('weights: '))).toMatch(/^weights: [\d,]+ KiB, uint8 with a scale and minimum per tensor .*tfjs turns them back into float32 on load$/);
});

describe.each(['default', 'seed'])('the card of the shipped %s', (name) => {
  const metadata = JSON.parse(readFileSync(`assets/models/${name}/metadata.json`, 'utf8')) as {
    testAccuracy: number; perClass: number[]; confusion: number[][]; parameters: number; trainingSeconds: number; backend: string;
    history: { epoch: number; validationAccuracy: number; trainLoss: number; validationLoss?: number }[];
  };
  const card = readModelCard(metadata, 'fallback');

  test('has its accuracy, per-class accuracy, confusion matrix, parameters, time and backend', () => {
    expect(card.name).toBe(name);
    expect(card.testAccuracy).toBe(metadata.testAccuracy);
    expect(card.perClass).toEqual(metadata.perClass);
    expect(card.confusion).toEqual(metadata.confusion);
    expect(card.parameters).toBe(metadata.parameters);
    expect(card.trainingSeconds).toBe(metadata.trainingSeconds);
    expect(card.backend).toBe(metadata.backend);
    expect(cardLines(card)[1]).toBe(`MNIST test accuracy ${(metadata.testAccuracy * 100).toFixed(2)} %`);
  });

  test('has the recorded curve, and says whether the validation loss was recorded', () => {
    expect(card.curve.map((p) => [p.epoch, p.validationAccuracy, p.trainLoss])).toEqual(metadata.history.map((p) => [p.epoch, p.validationAccuracy, p.trainLoss]));
    expect(card.curve.map((p) => p.validationLoss)).toEqual(metadata.history.map((p) => p.validationLoss ?? null));
    const recorded = metadata.history.every((p) => p.validationLoss !== undefined);
    expect(cardLines(card).join('\n').includes('validation loss was not recorded for this model')).toBe(!recorded);
  });
});

test('a model trained from now on has its validation loss on the card', () => {
  const card = readModelCard({ name: 'tiny', history: [{ epoch: 0.5, validationAccuracy: 0.9, validationLoss: 0.4, trainLoss: 0.6 }] }, 'x');
  expect(card.curve).toEqual([{ epoch: 0.5, validationAccuracy: 0.9, validationLoss: 0.4, trainLoss: 0.6 }]);
  expect(cardLines(card).at(-1)).toBe('curve: validation accuracy and loss at 1 evaluations');
});

test('an imported model without metadata says what was not recorded', () => {
  const card = readModelCard(null, 'imported');
  expect(card).toMatchObject({ name: 'imported', testAccuracy: null, perClass: null, confusion: null, curve: [], parameters: null });
  expect(cardLines(card)).toEqual([
    'imported',
    'MNIST test accuracy not recorded',
    'parameters not recorded',
    'training time not recorded on a backend not recorded',
    'data: not recorded',
    'weights: storage not recorded',
    'training curve not recorded for this model',
  ]);
  expect(readModelCard({ confusion: [[1, 2]], perClass: [0.5] }, 'bad')).toMatchObject({ confusion: null, perClass: null });
});

test.each([[42, '42 s'], [2755, '46 min'], [7200, '2 h 0 min']])('formatDuration(%d) = %s', (seconds, text) => {
  expect(formatDuration(seconds)).toBe(text);
});
