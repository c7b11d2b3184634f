import { describe, expect, test } from 'vitest';
import { chooseModel, defaultModel, fallbackOrder, ModelIndexError, parseModelIndex } from '../../common/modelIndex.ts';

const entry = (name: string, path = `${name}/model.json`) => ({
  name, path, arch: name, testAccuracy: 0.99, parameters: 1000, weightBytes: 4000, description: `${name} model`,
});
const INDEX = { default: 'default', models: [entry('default'), entry('seed')] };

describe('parseModelIndex', () => {
  test('accepts the index ml/ writes', () => {
    const index = parseModelIndex(INDEX);
    expect(index.default).toBe('default');
    expect(index.models.map((m) => m.name)).toEqual(['default', 'seed']);
    expect(index.pieces).toBeNull();
  });

  test.each([
    { name: 'null', testAccuracy: null },
    { name: 'absent', testAccuracy: undefined },
  ])('a model whose test accuracy is $name is listed with testAccuracy null, not a rejected index', ({ testAccuracy }) => {
    const index = parseModelIndex({ ...INDEX, models: [{ ...entry('default'), testAccuracy }, entry('seed')] });
    expect(index.models.map((m) => m.testAccuracy)).toEqual([null, 0.99]);
  });

  test('reads the piece verifier path when the index names one', () => {
    expect(parseModelIndex({ ...INDEX, pieces: 'pieces/model.json' }).pieces).toBe('pieces/model.json');
  });

  test.each([
    { name: 'not an object', json: [] },
    { name: 'default missing', json: { models: [entry('default')] } },
    { name: 'default not listed', json: { default: 'big', models: [entry('default')] } },
    { name: 'path escaping the folder', json: { default: 'default', models: [entry('default', '../default/model.json')] } },
    { name: 'absolute URL path', json: { default: 'default', models: [entry('default', 'https://x.example/m.json')] } },
    { name: 'bad name', json: { default: 'Default', models: [entry('Default')] } },
    { name: 'piece verifier path escaping the folder', json: { ...INDEX, pieces: '../pieces/model.json' } },
    { name: 'piece verifier path not a string', json: { ...INDEX, pieces: 3 } },
    { name: 'accuracy out of range', json: { default: 'default', models: [{ ...entry('default'), testAccuracy: 99.6 }] } },
    { name: 'accuracy a string', json: { default: 'default', models: [{ ...entry('default'), testAccuracy: '0.99' }] } },
  ])('rejects $name', ({ json }) => {
    expect(() => parseModelIndex(json)).toThrow(ModelIndexError);
  });
});

describe('chooseModel', () => {
  const index = parseModelIndex(INDEX);
  test.each([
    { requested: null, name: 'default', problem: false },
    { requested: 'seed', name: 'seed', problem: false },
    { requested: 'default', name: 'default', problem: false },
    { requested: 'huge', name: 'default', problem: true },
  ])('$requested -> $name', ({ requested, name, problem }) => {
    const choice = chooseModel(index, requested);
    expect(choice.entry.name).toBe(name);
    expect(choice.problem !== null).toBe(problem);
  });
});

describe('fallbackOrder', () => {
  const scored = (name: string, testAccuracy: number | null) => ({ ...entry(name), testAccuracy });
  test('after the model asked for and the default, the best listed model by MNIST accuracy comes first, unknown last', () => {
    // the index lists models by name: an imported 9.8 % model sorts before seed (99 %)
    const index = parseModelIndex({ default: 'default', models: [scored('default', 0.992), scored('k', 0.098), scored('mine', null), scored('seed', 0.99)] });
    const order = (first: string) => fallbackOrder(index, index.models.find((m) => m.name === first) ?? defaultModel(index)).map((m) => m.name);
    expect(order('default')).toEqual(['default', 'seed', 'k', 'mine']);
    expect(order('k')).toEqual(['k', 'default', 'seed', 'mine']);
  });
});
