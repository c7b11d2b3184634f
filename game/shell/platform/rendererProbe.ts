import { isSoftwareRenderer, type GraphicsProbe, type RendererName, type WebglSupport } from '../state/rendererChoice.ts';

/**
 * Asks the browser what it can draw with, for chooseRenderer. Each probe context is released at
 * once: browsers cap live WebGL contexts, and Pixi and tfjs open their own. WebGPU is asked only
 * when forced, through `webgpuSupported` (Pixi's own check, passed in: adapters import no Pixi).
 */
export async function probeGraphics(forced: RendererName | null, webgpuSupported: () => Promise<boolean>): Promise<GraphicsProbe> {
  return { webgl: probeWebgl(), webgpu: forced === 'webgpu' ? await webgpuSupported() : null };
}

export function probeWebgl(): WebglSupport {
  const canvas = document.createElement('canvas');
  const strict = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true })
    ?? canvas.getContext('webgl', { failIfMajorPerformanceCaveat: true });
  if (strict !== null) return release(strict, isSoftwareRenderer(unmaskedRenderer(strict)) ? 'software' : 'hardware');
  // a fresh canvas: one that refused a context may not be asked again with other attributes
  const fallback = document.createElement('canvas');
  const any = fallback.getContext('webgl2') ?? fallback.getContext('webgl');
  return any === null ? 'missing' : release(any, 'software');
}

function unmaskedRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return info === null ? '' : String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
}

function release<T>(gl: WebGLRenderingContext | WebGL2RenderingContext, result: T): T {
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return result;
}
