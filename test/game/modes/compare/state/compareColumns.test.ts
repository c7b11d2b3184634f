import { describe, expect, test } from 'vitest';
import type { ModelEntry } from '../../../../../common/modelIndex.ts';
import { columnSources, columnsFor, detailLines, staleColumns, withLoaded, withReading, type CompareColumn } from '../../../../../game/modes/compare/state/compareColumns.ts';
import { answerOf, captionFor, verdict } from '../../../../../game/modes/compare/state/compareVerdict.ts';
import { BLANK_PREDICTION, interpret, noGuess } from '../../../../../game/shell/state/prediction.ts';

function entry(name: string, rejectThreshold: number | null, testAccuracy: number | null = 0.99): ModelEntry {
  return { name, path: `${name}/model.json`, arch: name, testAccuracy, parameters: 1, weightBytes: 1, description: '', rejectThreshold };
}
const DEFAULT = entry('default', 0.65, 0.9955);
const SEED = entry('seed', null, 0.99);
const IMPORTED = entry('lenet', null, null);

/** Probabilities with `p` on `digit`, the rest spread evenly (ten outputs). */
function sure(digit: number, p: number): number[] {
  return Array.from({ length: 10 }, (_, d) => (d === digit ? p : (1 - p) / 9));
}

function ready(columns: readonly CompareColumn[]): CompareColumn[] {
  return columns.reduce<CompareColumn[]>((all, column) => withLoaded(all, column.source.name, null), [...columns]);
}

describe('columns', () => {
  test('one per listed model in the index\'s order, the personal model last when it plays', () => {
    expect(columnSources([DEFAULT, SEED, IMPORTED], null).map((s) => [s.name, s.kind])).toEqual([['default', 'listed'], ['seed', 'listed'], ['lenet', 'listed']]);
    const withPersonal = columnSources([DEFAULT, SEED], { name: 'default + your 12 digits', base: DEFAULT });
    expect(withPersonal.map((s) => [s.name, s.kind, s.entry.name])).toEqual([['default', 'listed', 'default'], ['seed', 'listed', 'seed'], ['default + your 12 digits', 'personal', 'default']]);
  });

  test('the network kept from the Train mode comes last, described by its held-out accuracy, and is taken afresh', () => {
    const trained = entry('trained here (600 steps)', null, 0.968);
    const sources = columnSources([DEFAULT, SEED], null, trained);
    expect(sources.map((s) => [s.name, s.kind])).toEqual([['default', 'listed'], ['seed', 'listed'], ['trained here (600 steps)', 'trained']]);
    const [, , last] = sources;
    if (last === undefined) throw new Error('no third column');
    expect(detailLines(last)).toEqual(['trained here · held-out 96.8%', 'digits only']);
    const shown = withLoaded(columnsFor(sources, []), 'trained here (600 steps)', null);
    expect(columnsFor(sources, shown)[2]?.status).toBe('loading');
  });

  test('a listed model shown before keeps its column; a failed one is tried again, the personal one taken afresh; a model gone goes', () => {
    const sources = columnSources([DEFAULT, SEED], null);
    let columns = columnsFor(sources, []);
    expect(columns.map((c) => c.status)).toEqual(['loading', 'loading']);
    columns = withLoaded(withLoaded(columns, 'default', null), 'seed', 'models/seed/weights.bin is missing');
    columns = withReading(columns, 'default', interpret(sure(3, 0.9)), 4);
    expect(columns.map((c) => [c.status, c.problem])).toEqual([['ready', null], ['failed', 'models/seed/weights.bin is missing']]);
    const again = columnsFor(columnSources([DEFAULT, SEED], { name: 'mine', base: DEFAULT }), columns);
    expect(again[0]).toBe(columns[0]);
    expect(again.map((c) => c.status)).toEqual(['ready', 'loading', 'loading']);
    expect(columnsFor(columnSources([SEED], null), again).map((c) => c.source.name)).toEqual(['seed']);
    // a personal model is loaded again each time: teaching again may replace it under the same name
    const mine = withLoaded(again, 'mine', null);
    expect(columnsFor(columnSources([DEFAULT, SEED], { name: 'mine', base: DEFAULT }), mine)[2]?.status).toBe('loading');
  });

  test('a reading of an older drawing never replaces a newer one; stale columns are the ready ones not read for this drawing', () => {
    let columns = ready(columnsFor(columnSources([DEFAULT, SEED], null), []));
    expect(staleColumns(columns, 0).map((c) => c.source.name)).toEqual(['default', 'seed']);
    columns = withReading(columns, 'seed', interpret(sure(7, 0.95)), 5);
    columns = withReading(columns, 'seed', interpret(sure(1, 0.95)), 4);
    expect(columns[1]?.prediction.digit).toBe(7);
    expect(staleColumns(columns, 5).map((c) => c.source.name)).toEqual(['default']);
    expect(staleColumns(withLoaded(columns, 'default', 'broken'), 5)).toEqual([]);
  });

  test('each card says what its model is and whether it can answer "not a digit"', () => {
    const [d, s, i, p] = columnSources([DEFAULT, SEED, IMPORTED], { name: 'mine', base: DEFAULT });
    expect(d && detailLines(d)).toEqual(['MNIST test 99.55%', 'digits or "not a digit"']);
    expect(s && detailLines(s)).toEqual(['MNIST test 99.00%', 'digits only']);
    expect(i && detailLines(i)).toEqual(['MNIST test: unknown', 'digits only']);
    expect(p && detailLines(p)).toEqual(['taught on default', 'digits or "not a digit"']);
  });
});

describe('captions and the verdict', () => {
  const base = ready(columnsFor(columnSources([DEFAULT, SEED, IMPORTED], null), []));

  test.each([
    [interpret(sure(4, 0.97)), 'Confident · 97%', '4'],
    [interpret(sure(4, 0.75)), 'Fairly sure · 75%', '4'],
    [interpret(sure(4, 0.4)), 'Not sure · 40%', '4'],
    [noGuess('not-a-digit'), 'Not a digit?', 'not a digit'],
    [BLANK_PREDICTION, 'waiting for a drawing', null],
  ])('%o reads "%s"', (prediction, caption, answer) => {
    const [column] = withReading(base, 'default', prediction, 1);
    if (column === undefined) throw new Error('no column');
    expect(captionFor(column)).toBe(caption);
    expect(answerOf(column)).toBe(answer);
  });

  test('loading and failed cards say so and have no answer', () => {
    const [loading] = columnsFor(columnSources([DEFAULT], null), []);
    const [failed] = withLoaded(columnsFor(columnSources([DEFAULT], null), []), 'default', 'models/default/model.json is missing (HTTP 404)');
    if (loading === undefined || failed === undefined) throw new Error('no column');
    expect([captionFor(loading), answerOf(loading)]).toEqual(['Loading…', null]);
    expect([captionFor(failed), answerOf(failed)]).toEqual(['Could not load: models/default/model.json is missing (HTTP 404)', null]);
  });

  test('agree, disagree, and only readings of the drawing as it is count', () => {
    const read = (answers: readonly [string, ReturnType<typeof interpret>, number][]): CompareColumn[] =>
      answers.reduce((all, [name, prediction, version]) => withReading(all, name, prediction, version), base);
    expect(verdict(base, 0, true)).toBe('Draw a digit: all 3 models read it at once');
    expect(verdict(read([['default', interpret(sure(2, 0.9)), 1], ['seed', interpret(sure(2, 0.9)), 1], ['lenet', interpret(sure(2, 0.9)), 1]]), 1, false)).toBe('All 3 models read 2');
    expect(verdict(read([['default', interpret(sure(2, 0.9)), 1], ['seed', interpret(sure(2, 0.9)), 1]]), 1, false)).toBe('Both models read 2');
    expect(verdict(read([['default', noGuess('not-a-digit'), 1], ['seed', interpret(sure(2, 0.97)), 1], ['lenet', interpret(sure(1, 0.6)), 1]]), 1, false))
      .toBe('They disagree: not a digit (default) · 2 (seed) · 1 (lenet)');
    // seed's 7 is for the drawing before: only default's reading counts
    expect(verdict(read([['default', interpret(sure(1, 0.9)), 2], ['seed', interpret(sure(7, 0.9)), 1]]), 2, false)).toBe('default read 1');
    expect(verdict(base, 2, false)).toBe('Reading…');
    expect(verdict(columnsFor(columnSources([DEFAULT], null), []), 0, true)).toBe('Loading the models…');
    expect(verdict(withLoaded(columnsFor(columnSources([DEFAULT], null), []), 'default', 'x'), 0, true)).toBe('No model could be loaded');
  });
});
