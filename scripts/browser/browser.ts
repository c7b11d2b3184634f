import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium, installed by .ci/run (override with CHROMIUM). */
export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Headless, no GPU, and nothing that talks to the network behind the test's back. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The configurations every end-to-end suite runs in: Chromium as it comes (WebGL in software on a
 * machine without a GPU), and with WebGL switched off, as on browsers that dropped the software
 * fallback. `id` names screenshots.
 */
export interface BrowserConfig {
  readonly name: string;
  readonly id: string;
  readonly extraArgs: readonly string[];
}
export const BROWSER_CONFIGS: readonly BrowserConfig[] = [
  { name: 'default flags', id: 'default', extraArgs: [] },
  { name: 'WebGL disabled', id: 'nowebgl', extraArgs: ['--disable-3d-apis'] },
];

export interface Browser {
  readonly context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** A phone as the page sees it: its CSS viewport, device pixels per CSS pixel and a touch screen. */
export interface PhoneScreen {
  readonly width: number;
  readonly height: number;
  readonly devicePixelRatio: number;
  /** a touch screen: `(pointer: coarse)` matches, navigator.maxTouchPoints > 0 */
  readonly touch: boolean;
}

/** The 390x844 CSS-pixel, 3x phone the issues measure on (iPhone 12 to 15). */
export const PHONE: PhoneScreen = Object.freeze({ width: 390, height: 844, devicePixelRatio: 3, touch: true });

/**
 * Launches Chromium with a fresh profile that is deleted on close; with `phone`, every page is that
 * phone (window.devicePixelRatio, screenshots in device pixels, a touch screen).
 */
export async function launchChromium(config: BrowserConfig = { name: 'default flags', id: 'default', extraArgs: [] }, phone: PhoneScreen | null = null): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'hd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...config.extraArgs],
    viewport: phone === null ? { width: 1280, height: 800 } : { width: phone.width, height: phone.height },
    ...(phone === null ? {} : { deviceScaleFactor: phone.devicePixelRatio, isMobile: phone.touch, hasTouch: phone.touch }),
  });
  // Under tsx, esbuild's keepNames wraps named functions in a `__name(fn, "name")` helper that does
  // not exist in the page, so functions passed to page.evaluate would throw; make it a no-op there.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return {
    context,
    newPage: async (viewport) => {
      const page = await context.newPage();
      if (viewport !== undefined) await page.setViewportSize(viewport);
      return page;
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

