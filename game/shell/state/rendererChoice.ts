/**
 * Which Pixi renderer draws the game. Pure: the browser's answers come in as a GraphicsProbe (see
 * rendererProbe.ts), so every case can be tested in Node.
 *
 * WebGL is only worth it on a real GPU. Run in software (SwiftShader, llvmpipe: VMs, remote
 * desktops, blocklisted drivers, headless Chromium) every frame goes through an emulated GPU
 * pipeline and drawing slows to a crawl, while Pixi's canvas renderer, a few dozen 2D-canvas calls
 * for this scene, stays smooth. WebGPU is used only when asked for: on a real GPU WebGL draws this
 * scene just as well and is supported more widely.
 */

export const RENDERERS = ['webgl', 'webgpu', 'canvas'] as const;
export type RendererName = (typeof RENDERERS)[number];

/** What a WebGL context says about itself. */
export type WebglSupport =
  /** a context opens even with failIfMajorPerformanceCaveat and its renderer is no known software one */
  | 'hardware'
  /** a context opens only without failIfMajorPerformanceCaveat, or names a software rasteriser */
  | 'software'
  /** no WebGL context at all (e.g. Chromium --disable-3d-apis) */
  | 'missing';

export interface GraphicsProbe {
  readonly webgl: WebglSupport;
  /** navigator.gpu gave an adapter; null when it was not asked (only a forced WebGPU asks) */
  readonly webgpu: boolean | null;
}

export interface RendererChoice {
  readonly renderer: RendererName;
  /** why a forced renderer was not used, or null */
  readonly problem: string | null;
}

/**
 * Device pixels per CSS pixel the game draws at: the screen's own, up to a 3x phone's, whatever the
 * renderer. Drawing in software at 1x on a 3x phone made every text three device pixels per texel,
 * blurred by the browser's upscaling; the canvas renderer at 3x keeps free draw's frame interval
 * (BENCHMARKS.md, "Phone at 3x"). `forced`: ?resolution=, already in range.
 */
export const MAX_RESOLUTION = 3;

export function resolutionFor(devicePixelRatio: number, forced: number | null): number {
  if (forced !== null) return forced;
  return Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? Math.min(Math.max(1, devicePixelRatio), MAX_RESOLUTION) : 1;
}

/** `forced`: ?renderer=, already validated by readConfig; null for the automatic choice. */
export function chooseRenderer(probe: GraphicsProbe, forced: RendererName | null): RendererChoice {
  const automatic: RendererName = probe.webgl === 'hardware' ? 'webgl' : 'canvas';
  if (forced === null) return { renderer: automatic, problem: null };
  if (forced === 'webgl' && probe.webgl === 'missing') {
    return { renderer: automatic, problem: `WebGL is not available here; drawing with ${rendererLabel(automatic)}` };
  }
  if (forced === 'webgpu' && probe.webgpu !== true) {
    return { renderer: automatic, problem: `WebGPU is not available here; drawing with ${rendererLabel(automatic)}` };
  }
  return { renderer: forced, problem: null };
}

/** Is this UNMASKED_RENDERER_WEBGL string a software rasteriser rather than a GPU? */
export function isSoftwareRenderer(unmasked: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(unmasked);
}

/** How the model label names a renderer. */
export function rendererLabel(name: RendererName): string {
  return name === 'webgl' ? 'WebGL' : name === 'webgpu' ? 'WebGPU' : 'Canvas';
}
