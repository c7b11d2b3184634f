import { UNSURE_BELOW } from '../../../../common/reading.ts';
import type { Prediction } from '../../../shell/state/prediction.ts';
import { percentText, type CompareColumn } from './compareColumns.ts';

/** At or above this a reading is "sure"; the free draw card uses the same step. */
const SURE_FROM = 0.9;

/** What a column says under its big digit: how sure, or why there is no guess. */
export function captionFor(column: CompareColumn): string {
  if (column.status === 'loading') return 'Loading…';
  if (column.status === 'failed') return `Could not load: ${column.problem ?? 'unknown error'}`;
  return predictionCaption(column.prediction);
}

export function predictionCaption(prediction: Prediction): string {
  if (prediction.reason === 'blank' || prediction.blank) return 'waiting for a drawing';
  if (prediction.reason === 'not-a-digit' || prediction.digit === null) return 'Not a digit?';
  const p = prediction.probabilities[prediction.digit] ?? 0;
  const how = p < UNSURE_BELOW ? 'Not sure' : p >= SURE_FROM ? 'Confident' : 'Fairly sure';
  return `${how} · ${percentText(p)}`;
}

/** The column's answer as one word: "7", "not a digit", or null while it has none. */
export function answerOf(column: CompareColumn): string | null {
  if (column.status !== 'ready' || column.prediction.blank) return null;
  return column.prediction.digit === null ? 'not a digit' : String(column.prediction.digit);
}

/**
 * One line over the columns: whether the models agree on the drawing at `gridVersion`. Only
 * readings of that drawing count, so a model still reading the last one neither agrees nor disagrees.
 */
export function verdict(columns: readonly CompareColumn[], gridVersion: number, blank: boolean): string {
  const ready = columns.filter((column) => column.status === 'ready');
  if (ready.length === 0) return columns.every((column) => column.status === 'failed') ? 'No model could be loaded' : 'Loading the models…';
  if (blank) return `Draw a digit: ${ready.length === 1 ? 'the model reads' : `all ${ready.length} models read`} it at once`;
  const answers = new Map<string, string[]>();
  for (const column of ready) {
    const answer = column.gridVersion === gridVersion ? answerOf(column) : null;
    if (answer === null) continue;
    answers.set(answer, [...(answers.get(answer) ?? []), column.source.name]);
  }
  if (answers.size === 0) return 'Reading…';
  const [first] = answers.keys();
  if (answers.size === 1 && first !== undefined) {
    const names = answers.get(first) ?? [];
    const who = names.length === 1 ? names[0] ?? '' : names.length === 2 ? 'Both models' : `All ${names.length} models`;
    return first === 'not a digit' ? `${who}: not a digit` : `${who} read ${first}`;
  }
  return `They disagree: ${[...answers].map(([answer, names]) => `${answer} (${names.join(', ')})`).join(' · ')}`;
}
