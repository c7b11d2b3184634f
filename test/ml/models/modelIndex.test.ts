import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseModelIndex } from '../../../common/modelIndex.ts';
import { INDEX_JSON, METADATA_JSON, MODEL_JSON } from '../../../ml/models/modelFiles.ts';
import { PIECE_ROLE, writeModelIndex } from '../../../ml/cli/modelOutput.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'models-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeModel(name: string, metadata: Record<string, unknown>): Promise<void> {
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, MODEL_JSON), '{}');
  await writeFile(join(dir, name, METADATA_JSON), JSON.stringify({ name, ...metadata }));
}

describe('writeModelIndex', () => {
  test('lists digit models and names the piece verifier apart, in a form the game accepts', async () => {
    await fakeModel('default', { arch: 'default', testAccuracy: 0.997, parameters: 3, weightBytes: 12, description: 'd' });
    await fakeModel('seed', { arch: 'seed', testAccuracy: 0.99, parameters: 5, weightBytes: 20, description: 's' });
    await fakeModel('pieces', { arch: 'pieces', role: PIECE_ROLE, validationAccuracy: 0.95 });
    await writeModelIndex(dir);
    const index = parseModelIndex(JSON.parse(await readFile(join(dir, INDEX_JSON), 'utf8')));
    expect(index.models.map((m) => m.name)).toEqual(['default', 'seed']);
    expect(index.default).toBe('default');
    expect(index.pieces).toBe('pieces/model.json');
  });

  test('writes pieces: null when there is no piece verifier', async () => {
    await fakeModel('default', { arch: 'default', testAccuracy: 0.997 });
    await writeModelIndex(dir);
    expect(parseModelIndex(JSON.parse(await readFile(join(dir, INDEX_JSON), 'utf8'))).pieces).toBeNull();
  });

  test('a model without testAccuracy is listed with null, and the game parser accepts the index', async () => {
    await fakeModel('default', { arch: 'default', testAccuracy: 0.997 });
    await fakeModel('handmade', { arch: 'default' });
    await writeModelIndex(dir);
    const index = parseModelIndex(JSON.parse(await readFile(join(dir, INDEX_JSON), 'utf8')));
    expect(index.models.map((m) => [m.name, m.testAccuracy])).toEqual([['default', 0.997], ['handmade', null]]);
  });

  test('a corrupt sibling metadata.json is left out with a warning naming the file, the others are listed', async () => {
    await fakeModel('default', { arch: 'default', testAccuracy: 0.997 });
    await fakeModel('broken', {});
    await writeFile(join(dir, 'broken', METADATA_JSON), '{"arch": "def');
    const warnings: string[] = [];
    await writeModelIndex(dir, (line) => warnings.push(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(dir, 'broken', METADATA_JSON));
    const index = parseModelIndex(JSON.parse(await readFile(join(dir, INDEX_JSON), 'utf8')));
    expect(index.models.map((m) => m.name)).toEqual(['default']);
  });
});
