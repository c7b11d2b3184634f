import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../../scripts/browser/browser.ts';
import { MNIST_DIR } from '../../scripts/browser/mnistDigits.ts';
import { REPO_ROOT } from '../../scripts/site.ts';

/**
 * What every end-to-end suite shares: why it cannot run on this machine, said the same way, and the
 * launch helpers (Chromium through playwright-core with scripts/browser/browser.ts's flags, the game
 * served from memory by gameServer.ts).
 */
export { BROWSER_CONFIGS, CHROMIUM_PATH, launchChromium, type Browser, type BrowserConfig } from '../../scripts/browser/browser.ts';
export { gameSite, jsonFile, startGameServer } from './gameServer.ts';
export { MNIST_DIR } from '../../scripts/browser/mnistDigits.ts';

export interface SuiteNeeds {
  /** the shipped models (assets/models/index.json) */
  readonly models?: boolean;
  /** MNIST_DIR: real MNIST digits drawn as strokes */
  readonly mnist?: boolean;
  /** further files the suite reads, relative to the repository */
  readonly files?: readonly string[];
}

/** Why a suite cannot run here, or null: Chromium first, then what it needs. */
export function skipReason(needs: SuiteNeeds = {}): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (needs.models === true && !existsSync(join(REPO_ROOT, 'assets/models/index.json'))) return 'no assets/models/index.json';
  const missing = needs.files?.find((file) => !existsSync(join(REPO_ROOT, file)));
  if (missing !== undefined) return `no ${missing}`;
  if (needs.mnist === true && MNIST_DIR === null) return 'needs MNIST_DIR';
  return null;
}

/** A suite's title, saying why it was skipped when it was (test.skip's reason shows in the report). */
export function suiteTitle(title: string, reason: string | null): string {
  return reason === null ? title : `${title} (skipped: ${reason})`;
}
