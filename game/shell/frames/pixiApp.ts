import { Application, isWebGPUSupported } from 'pixi.js';
import { probeGraphics } from '../platform/rendererProbe.ts';
import { chooseRenderer, RENDERERS, resolutionFor, type RendererName } from '../state/rendererChoice.ts';
import { installCanvasBitmapTextFix } from '../view/canvasBitmapText.ts';
import { installFonts } from '../view/fonts.ts';
import { COLORS } from '../view/theme.ts';
import type { Messages } from '../messages.ts';

export interface PixiApp {
  readonly app: Application;
  /** what actually draws: Pixi falls back by itself if the chosen renderer fails to start */
  readonly renderer: RendererName;
}

/** Chooses the renderer on purpose, starts Pixi full-window on the page's body and loads the fonts. */
export async function startPixi(forced: RendererName | null, forcedResolution: number | null, siteRoot: URL, messages: Messages): Promise<PixiApp> {
  const rendering = chooseRenderer(await probeGraphics(forced, () => isWebGPUSupported()), forced);
  messages.add(rendering.problem);
  const resolution = resolutionFor(window.devicePixelRatio, forcedResolution);
  installCanvasBitmapTextFix();
  const app = new Application();
  await app.init({
    background: COLORS.background,
    resizeTo: window,
    antialias: true,
    autoDensity: true,
    resolution,
    preference: rendering.renderer,
    // renderOnDemand runs the frame loop
    autoStart: false,
  });
  const renderer = RENDERERS.find((name) => name === app.renderer.name) ?? rendering.renderer;
  app.canvas.setAttribute('role', 'img');
  app.canvas.setAttribute('aria-label', 'Handwritten digits: draw a digit on the grid and the network reads it');
  document.body.appendChild(app.canvas);
  await installFonts(new URL('fonts/', siteRoot).href, resolution);
  return { app, renderer };
}
