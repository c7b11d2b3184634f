import { NUM_CLASSES } from '../../../../common/digit.ts';
import { isRecord } from '../../../../common/isRecord.ts';

/**
 * A model's card, read from its metadata.json (written by ml/cli/train.ts): the figures as they
 * were recorded, nothing recomputed. Anything missing is null and the card says "not recorded",
 * so a model trained before a field existed (or an imported one) is shown honestly.
 */

export interface CurvePoint {
  /** fractional epochs, e.g. 2.25 */
  readonly epoch: number;
  readonly validationAccuracy: number;
  /** null in histories recorded before validation loss was (the shipped default and seed) */
  readonly validationLoss: number | null;
  readonly trainLoss: number | null;
}

export interface LayerLine {
  readonly name: string;
  /** what a reader sees (state/layerNames.ts) */
  readonly title: string;
  readonly kind: string;
  /** output shape without the batch axis, e.g. [28, 28, 32] */
  readonly shape: readonly number[];
  readonly parameters: number;
}

export interface ModelCard {
  readonly name: string;
  readonly description: string | null;
  readonly testAccuracy: number | null;
  /** NUM_CLASSES fractions, or null */
  readonly perClass: readonly number[] | null;
  /** NUM_CLASSES rows (true digit) of NUM_CLASSES counts (predicted digit), or null */
  readonly confusion: readonly (readonly number[])[] | null;
  readonly curve: readonly CurvePoint[];
  readonly parameters: number | null;
  readonly trainingSeconds: number | null;
  readonly backend: string | null;
  readonly date: string | null;
  /** what it was trained on, with credits (metadata.json's `data`), or null */
  readonly data: readonly string[] | null;
  /** how its weights are stored and their bytes (metadata.json's `weights`, written by ml/cli/quantize.ts), or null */
  readonly weights: { readonly storage: string; readonly bytes: number } | null;
}

const numberOr = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function numbers(value: unknown, length: number): number[] | null {
  if (!Array.isArray(value) || value.length !== length) return null;
  const out = value.map(numberOr);
  return out.every((v) => v !== null) ? out : null;
}

function curveOf(value: unknown): CurvePoint[] {
  if (!Array.isArray(value)) return [];
  const points: CurvePoint[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const epoch = numberOr(item.epoch);
    const validationAccuracy = numberOr(item.validationAccuracy);
    if (epoch === null || validationAccuracy === null) continue;
    points.push({ epoch, validationAccuracy, validationLoss: numberOr(item.validationLoss), trainLoss: numberOr(item.trainLoss) });
  }
  return points;
}

/** `metadata`: metadata.json as parsed JSON (anything); `fallbackName` when it names no model. */
export function readModelCard(metadata: unknown, fallbackName: string): ModelCard {
  const m = isRecord(metadata) ? metadata : {};
  const confusionRows = Array.isArray(m.confusion) && m.confusion.length === NUM_CLASSES ? m.confusion.map((row) => numbers(row, NUM_CLASSES)) : null;
  return {
    name: stringOr(m.name) ?? fallbackName,
    description: stringOr(m.description),
    testAccuracy: numberOr(m.testAccuracy),
    perClass: numbers(m.perClass, NUM_CLASSES),
    confusion: confusionRows?.every((row) => row !== null) ? confusionRows : null,
    curve: curveOf(m.history),
    parameters: numberOr(m.parameters),
    trainingSeconds: numberOr(m.trainingSeconds),
    backend: stringOr(m.backend),
    date: stringOr(m.date),
    data: dataOf(m.data),
    weights: weightsOf(m.weights),
  };
}

function weightsOf(value: unknown): ModelCard['weights'] {
  if (!isRecord(value)) return null;
  const storage = stringOr(value.storage);
  const bytes = numberOr(value.bytes);
  return storage === null || bytes === null ? null : { storage, bytes };
}

/** metadata.json's `data`: a list of strings, or null when it is missing or anything else. */
function dataOf(value: unknown): readonly string[] | null {
  if (!Array.isArray(value)) return null;
  const items = value.filter((item): item is string => typeof item === 'string');
  return items.length === value.length ? items : null;
}

/** The card's text lines, the same the view draws and the page API reports. */
export function cardLines(card: ModelCard): string[] {
  const percent = (v: number | null, digits = 2) => (v === null ? 'not recorded' : `${(v * 100).toFixed(digits)} %`);
  const lines = [
    `${card.name}${card.description === null ? '' : `: ${card.description}`}`,
    `MNIST test accuracy ${percent(card.testAccuracy)}`,
    `parameters ${card.parameters === null ? 'not recorded' : card.parameters.toLocaleString('en-US')}`,
    `training ${card.trainingSeconds === null ? 'time not recorded' : formatDuration(card.trainingSeconds)} on ${card.backend ?? 'a backend not recorded'}`,
    `data: ${card.data === null ? 'not recorded' : card.data.join('; ')}`,
    `weights: ${card.weights === null ? 'storage not recorded' : `${Math.round(card.weights.bytes / 1024).toLocaleString('en-US')} KiB, ${card.weights.storage}`}`,
  ];
  if (card.curve.length === 0) lines.push('training curve not recorded for this model');
  else if (card.curve.every((p) => p.validationLoss === null)) lines.push(`curve: validation accuracy at ${card.curve.length} evaluations; validation loss was not recorded for this model (training loss shown)`);
  else lines.push(`curve: validation accuracy and loss at ${card.curve.length} evaluations`);
  return lines;
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
