import { describe, expect, test } from 'vitest';
import { readConfig } from '../../../../game/shell/state/config.ts';

describe('readConfig', () => {
  test.each([
    { search: '', model: null, backend: null, problems: 0 },
    { search: '?model=seed', model: 'seed', backend: null, problems: 0 },
    { search: '?model=small-2', model: 'small-2', backend: null, problems: 0 },
    { search: '?model=', model: null, backend: null, problems: 0 },
    { search: '?backend=wasm', model: null, backend: 'wasm', problems: 0 },
    { search: '?backend=webgl&model=seed', model: 'seed', backend: 'webgl', problems: 0 },
    { search: '?backend=cpu', model: null, backend: 'cpu', problems: 0 },
    // a path, URL or anything that is not a bare name is refused before it reaches fetch()
    { search: '?model=../secret', model: null, backend: null, problems: 1 },
    { search: '?model=seed/model.json', model: null, backend: null, problems: 1 },
    { search: '?model=https://evil.example/model.json', model: null, backend: null, problems: 1 },
    { search: '?model=%2F%2Fevil.example', model: null, backend: null, problems: 1 },
    { search: '?model=Seed', model: null, backend: null, problems: 1 },
    { search: `?model=${'a'.repeat(33)}`, model: null, backend: null, problems: 1 },
    { search: '?backend=webgpu', model: null, backend: null, problems: 1 },
    { search: '?backend=WASM', model: null, backend: null, problems: 1 },
    { search: '?model=../x&backend=gpu', model: null, backend: null, problems: 2 },
  ])('$search', ({ search, model, backend, problems }) => {
    const config = readConfig(new URLSearchParams(search));
    expect(config.model).toBe(model);
    expect(config.backend).toBe(backend);
    expect(config.problems).toHaveLength(problems);
    expect(Object.isFrozen(config)).toBe(true);
  });

  test.each([
    { search: '', renderer: null, problems: 0 },
    { search: '?renderer=webgl', renderer: 'webgl', problems: 0 },
    { search: '?renderer=webgpu', renderer: 'webgpu', problems: 0 },
    { search: '?renderer=canvas&backend=wasm', renderer: 'canvas', problems: 0 },
    { search: '?renderer=', renderer: null, problems: 0 },
    { search: '?renderer=Canvas', renderer: null, problems: 1 },
    { search: '?renderer=opengl', renderer: null, problems: 1 },
    { search: '?renderer=webgl2&backend=gpu', renderer: null, problems: 2 },
  ])('renderer: $search', ({ search, renderer, problems }) => {
    const config = readConfig(new URLSearchParams(search));
    expect(config.renderer).toBe(renderer);
    expect(config.problems).toHaveLength(problems);
  });

  test.each([
    { search: '', resolution: null, problems: 0 },
    { search: '?resolution=1', resolution: 1, problems: 0 },
    { search: '?resolution=2.5', resolution: 2.5, problems: 0 },
    { search: '?resolution=3', resolution: 3, problems: 0 },
    { search: '?resolution=', resolution: null, problems: 0 },
    { search: '?resolution=0.5', resolution: null, problems: 1 },
    { search: '?resolution=4', resolution: null, problems: 1 },
    { search: '?resolution=NaN', resolution: null, problems: 1 },
    { search: '?resolution=1e400', resolution: null, problems: 1 },
    { search: '?resolution=retina', resolution: null, problems: 1 },
  ])('resolution: $search', ({ search, resolution, problems }) => {
    const config = readConfig(new URLSearchParams(search));
    expect(config.resolution).toBe(resolution);
    expect(config.problems).toHaveLength(problems);
  });

  test('an unknown renderer is named in the message, with the choices', () => {
    expect(readConfig(new URLSearchParams('?renderer=opengl')).problems).toEqual(['unknown renderer "opengl"; expected webgl, webgpu, canvas; choosing one automatically']);
  });

  test('long junk is shortened in the message', () => {
    const [problem] = readConfig(new URLSearchParams(`?model=${'x/'.repeat(200)}`)).problems;
    expect(problem?.length).toBeLessThan(120);
  });
});
