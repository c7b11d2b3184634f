import { SingleBar } from 'cli-progress';
import type { DownloadProgress } from '../data/mnist.ts';

/** A terminal progress bar for MNIST downloads, in kilobytes with an ETA. */
export function downloadProgressBar(): DownloadProgress {
  const bar = new SingleBar({ format: '{file} |{bar}| {value}/{total} KiB | ETA {eta_formatted}', hideCursor: true });
  return {
    start: (file, totalBytes) => { bar.start(Math.max(1, Math.round(totalBytes / 1024)), 0, { file }); },
    advance: (bytes) => { bar.increment(bytes / 1024); },
    finish: () => { bar.stop(); },
  };
}
