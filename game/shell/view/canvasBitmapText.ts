import { CanvasBitmapTextPipe, CanvasRenderer, extensions, type BitmapText } from 'pixi.js';

/**
 * Pixi 8's canvas renderer lays out a BitmapText's glyphs only when the scene's instruction list
 * is rebuilt, and its graphics pipe never asks for a rebuild, so a label whose text or size changes
 * keeps drawing its old glyphs (the prediction would show a stale digit). This pipe asks for a
 * rebuild whenever a text changed; rebuilding a scene as small as ours is cheap, and it happens
 * only on frames where a label changed. WebGL and WebGPU have their own pipe and are unaffected.
 */
class RefreshingCanvasBitmapTextPipe extends CanvasBitmapTextPipe {
  override validateRenderable(text: BitmapText): boolean {
    return text._didTextUpdate || super.validateRenderable(text);
  }
}

/**
 * Call before the renderer is created: Pixi keeps the first pipe registered under a name, and
 * queues pipes while no renderer handles them yet.
 */
export function installCanvasBitmapTextFix(): void {
  // The canvas renderer's module registers the handler for canvas pipes when it runs, which the
  // bundle otherwise defers until Pixi creates a canvas renderer (after this swap, too late);
  // touching the class runs it now.
  if (typeof CanvasRenderer !== 'function') throw new Error('PixiJS has no canvas renderer');
  extensions.remove(CanvasBitmapTextPipe);
  extensions.add(RefreshingCanvasBitmapTextPipe);
}
