import type { ModelEntry } from '../../../../common/modelIndex.ts';
import { BLANK_PREDICTION, type Prediction } from '../../../shell/state/prediction.ts';

/**
 * The Compare mode's columns as data: one per model there is (every model of models/index.json in
 * its order, then the player's personal model or the network kept from the Train mode when one
 * plays), each loading, ready or failed, with
 * its last reading of the shared grid. Pure: the controller loads and reads, the view only shows.
 */

/** Where a column's model comes from. */
export interface ColumnSource {
  /** the column's heading: the index's name, the personal model's ("default + your 37 digits") or the trained one's */
  readonly name: string;
  readonly kind: 'listed' | 'personal' | 'trained';
  /** the index's entry it is (listed) or was taught from (personal); the trained network's own (trained) */
  readonly entry: ModelEntry;
}

export type ColumnStatus = 'loading' | 'ready' | 'failed';

export interface CompareColumn {
  readonly source: ColumnSource;
  readonly status: ColumnStatus;
  /** why the model could not be loaded; null unless failed */
  readonly problem: string | null;
  readonly prediction: Prediction;
  /** the grid version `prediction` is for; -1 before the model's first reading */
  readonly gridVersion: number;
}

/** The personal model while it plays: its name and the index's entry it was taught from. */
export interface PersonalSource {
  readonly name: string;
  readonly base: ModelEntry;
}

/** `trained`: the entry of the network kept from the Train mode while it plays (at most one of it and `personal` plays). */
export function columnSources(listed: readonly ModelEntry[], personal: PersonalSource | null, trained: ModelEntry | null = null): ColumnSource[] {
  const sources: ColumnSource[] = listed.map((entry) => ({ name: entry.name, kind: 'listed', entry }));
  if (personal !== null) sources.push({ name: personal.name, kind: 'personal', entry: personal.base });
  if (trained !== null) sources.push({ name: trained.name, kind: 'trained', entry: trained });
  return sources;
}

/**
 * Columns for `sources`; a listed model shown before keeps its column (loaded, read) unless it had
 * failed, which is tried again. The personal and trained models are always taken afresh: teaching
 * or keeping again replaces them, possibly under the same name.
 */
export function columnsFor(sources: readonly ColumnSource[], previous: readonly CompareColumn[]): CompareColumn[] {
  return sources.map((source) => {
    const kept = previous.find((column) => column.source.name === source.name && column.source.kind === 'listed' && source.kind === 'listed');
    if (kept !== undefined && kept.status !== 'failed') return kept;
    return { source, status: 'loading', problem: null, prediction: BLANK_PREDICTION, gridVersion: -1 };
  });
}

export function withLoaded(columns: readonly CompareColumn[], name: string, problem: string | null): CompareColumn[] {
  return columns.map((column) => (column.source.name === name
    ? { ...column, status: problem === null ? 'ready' : 'failed', problem }
    : column));
}

export function withReading(columns: readonly CompareColumn[], name: string, prediction: Prediction, gridVersion: number): CompareColumn[] {
  return columns.map((column) => (column.source.name === name && gridVersion >= column.gridVersion
    ? { ...column, prediction, gridVersion }
    : column));
}

/** The columns whose model is ready but whose reading is not for the grid at `gridVersion`. */
export function staleColumns(columns: readonly CompareColumn[], gridVersion: number): CompareColumn[] {
  return columns.filter((column) => column.status === 'ready' && column.gridVersion !== gridVersion);
}

/** Whether the model can answer "not a digit": the index gives its threshold only to such models. */
export function canRefuse(source: ColumnSource): boolean {
  return source.entry.rejectThreshold !== null;
}

/**
 * What the card says about its model under its name, two short lines: where it comes from (its
 * MNIST test accuracy, or what it was taught on) and what it can answer.
 */
export function detailLines(source: ColumnSource): readonly [string, string] {
  const outputs = canRefuse(source) ? 'digits or "not a digit"' : 'digits only';
  if (source.kind === 'personal') return [`taught on ${source.entry.name}`, outputs];
  if (source.kind === 'trained') return [source.entry.testAccuracy === null ? 'trained here' : `trained here · held-out ${percentText(source.entry.testAccuracy, 1)}`, outputs];
  const accuracy = source.entry.testAccuracy === null ? 'MNIST test: unknown' : `MNIST test ${percentText(source.entry.testAccuracy, 2)}`;
  return [accuracy, outputs];
}

/** `p` (0..1) as a percentage with `digits` decimals. */
export function percentText(p: number, digits = 0): string {
  return `${(p * 100).toFixed(digits)}%`;
}
