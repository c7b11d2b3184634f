import { describe, expect, test } from 'vitest';
import { chooseRenderer, isSoftwareRenderer, MAX_RESOLUTION, rendererLabel, resolutionFor, type GraphicsProbe, type RendererName } from '../../../../game/shell/state/rendererChoice.ts';

const GPU: GraphicsProbe = { webgl: 'hardware', webgpu: null };
const SOFTWARE: GraphicsProbe = { webgl: 'software', webgpu: null };
const NO_WEBGL: GraphicsProbe = { webgl: 'missing', webgpu: null };

describe('chooseRenderer', () => {
  test.each<{ name: string; probe: GraphicsProbe; forced: RendererName | null; renderer: RendererName; problem: boolean }>([
    { name: 'real GPU: WebGL', probe: GPU, forced: null, renderer: 'webgl', problem: false },
    { name: 'software WebGL: canvas', probe: SOFTWARE, forced: null, renderer: 'canvas', problem: false },
    { name: 'no WebGL: canvas', probe: NO_WEBGL, forced: null, renderer: 'canvas', problem: false },
    { name: 'forced canvas on a GPU', probe: GPU, forced: 'canvas', renderer: 'canvas', problem: false },
    { name: 'forced WebGL in software is honoured', probe: SOFTWARE, forced: 'webgl', renderer: 'webgl', problem: false },
    { name: 'forced WebGL without WebGL', probe: NO_WEBGL, forced: 'webgl', renderer: 'canvas', problem: true },
    { name: 'forced WebGPU with an adapter', probe: { webgl: 'hardware', webgpu: true }, forced: 'webgpu', renderer: 'webgpu', problem: false },
    { name: 'forced WebGPU without one, GPU', probe: { webgl: 'hardware', webgpu: false }, forced: 'webgpu', renderer: 'webgl', problem: true },
    { name: 'forced WebGPU without one, no GPU', probe: { webgl: 'software', webgpu: false }, forced: 'webgpu', renderer: 'canvas', problem: true },
    { name: 'forced WebGPU never probed', probe: NO_WEBGL, forced: 'webgpu', renderer: 'canvas', problem: true },
  ])('$name', ({ probe, forced, renderer, problem }) => {
    const choice = chooseRenderer(probe, forced);
    expect(choice.renderer).toBe(renderer);
    if (problem) expect(choice.problem).toMatch(new RegExp(`not available here; drawing with ${rendererLabel(renderer)}`));
    else expect(choice.problem).toBeNull();
  });
});

describe('isSoftwareRenderer', () => {
  test.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)', true],
    ['Microsoft Basic Render Driver', true],
    ['Gallium 0.4 on softpipe', true],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M1', false],
    ['Mali-G78', false],
    // masked (no debug extension): trust failIfMajorPerformanceCaveat, which already passed
    ['', false],
  ])('%s -> %s', (unmasked, software) => {
    expect(isSoftwareRenderer(unmasked)).toBe(software);
  });
});

test.each<[number, number | null, number]>([
  [1, null, 1],
  [2, null, 2],
  // a 3x phone draws at 3x whatever the renderer: text at 1x there was blurred by the browser's upscaling
  [3, null, 3],
  [2.625, null, 2.625],
  [4, null, MAX_RESOLUTION],
  [0.5, null, 1],
  [Number.NaN, null, 1],
  [0, null, 1],
  [3, 1, 1],
  [1, 2, 2],
])('devicePixelRatio %s, ?resolution=%s: draws at %s', (devicePixelRatio, forced, resolution) => {
  expect(resolutionFor(devicePixelRatio, forced)).toBe(resolution);
});
