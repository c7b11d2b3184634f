import { SingleBar } from 'cli-progress';

/**
 * Progress of a long count of work (evaluate's --numbers) on standard error, so standard output
 * stays the report and --json's last line. Short runs show nothing: a bar for a second of work is
 * noise. Outside a terminal a line every 10 s says how far it is, so a log shows the run is alive.
 */
const SHOWN_FROM = 500;

export interface CountProgress {
  readonly advance: () => void;
  readonly finish: () => void;
}

export function countProgress(what: string, total: number): CountProgress {
  if (total < SHOWN_FROM) return { advance: () => undefined, finish: () => undefined };
  const bar = new SingleBar({ format: `${what} |{bar}| {value}/{total} | ETA {eta_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 });
  bar.start(total, 0);
  return { advance: () => { bar.increment(); }, finish: () => { bar.stop(); } };
}
