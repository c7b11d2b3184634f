import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';

/**
 * Every rule of .dependency-cruiser.cjs fails on a violation planted in test/fixtures/imports/ (a
 * small tree with the repository's folder names), so none of them can silently check nothing, as the
 * package rules did while node_modules was left out of the graph. The fixture's clean files show what
 * the rules allow.
 */
const FIXTURE = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const CONFIG = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const DEPCRUISE = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

let violations: readonly Violation[] = [];

beforeAll(() => {
  const run = spawnSync(process.execPath, [DEPCRUISE, 'common', 'game', 'ml', 'scripts', '--config', CONFIG, '--output-type', 'json'], { cwd: FIXTURE, encoding: 'utf8' });
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  violations = result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
});

const PLANTED: readonly (readonly [rule: string, from: string])[] = [
  ['no-circular', 'common/cycleA.ts'],
  ['not-to-unresolvable', 'common/unresolvable.ts'],
  ['common-is-pure', 'common/pixiInCommon.ts'],
  ['common-is-pure', 'common/tfjsInCommon.ts'],
  ['common-is-pure-node-core', 'common/nodeInCommon.ts'],
  ['game-not-ml', 'game/mlInGame.ts'],
  ['game-not-node', 'game/nodeInGame.ts'],
  ['ml-not-game', 'ml/eval/gameInMl.ts'],
  ['modes-apart', 'game/modes/free/freeScreen.ts'],
  ['shell-not-modes', 'game/shell/shellImportsMode.ts'],
  ['offline-apart', 'game/offline/workerImportsShell.ts'],
  ['state-is-pure', 'game/shell/state/pixiInState.ts'],
  ['state-is-pure', 'game/modes/inside/state/tfjsInState.ts'],
  ['state-is-pure', 'game/shell/layout/viewInLayout.ts'],
  ['platform-below-controllers', 'game/shell/platform/pixiInPlatform.ts'],
  ['views-only-view', 'game/shell/view/tfjsInView.ts'],
  ['ml-training-below', 'ml/training/cliInTraining.ts'],
  ['ml-models-below', 'ml/models/trainingInModels.ts'],
  ['ml-data-below', 'ml/data/modelsInData.ts'],
  ['ml-backend-below', 'ml/backend/dataInBackend.ts'],
  ['ml-process-is-a-helper', 'ml/process/dataInProcess.ts'],
  ['tooling-not-product-internals', 'scripts/toolingImportsGame.ts'],
  ['benches-measure-from-outside', 'scripts/bench/benchImportsView.ts'],
  ['main-is-a-root', 'game/importsMain.ts'],
  ['cli-entries-are-roots', 'ml/training/cliInTraining.ts'],
];

test.each(PLANTED)('%s reports the violation planted in %s', (rule, from) => {
  expect(violations.filter((v) => v.from === from).map((v) => v.rule)).toContain(rule);
});

test('every rule of the config has a planted violation', () => {
  const config = createRequire(import.meta.url)(CONFIG) as { forbidden: readonly { name: string }[] };
  expect(new Set(PLANTED.map(([rule]) => rule))).toEqual(new Set(config.forbidden.map((rule) => rule.name)));
});

test('what the layers allow is not reported: a type-only tfjs import in common/, views on pixi, each layer importing those below', () => {
  const allowed = ['common/typeOnlyTfjs.ts', 'common/clean.ts', 'game/shell/view/view.ts', 'game/shell/state/state.ts', 'game/modes/challenge/challengeScreen.ts',
    'ml/cli/entry.ts', 'ml/training/train.ts', 'ml/models/model.ts', 'ml/data/data.ts', 'ml/process/helper.ts', 'game/main.ts'];
  expect(violations.filter((v) => allowed.includes(v.from))).toEqual([]);
});
