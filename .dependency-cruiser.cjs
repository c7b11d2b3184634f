/**
 * The folder import rules of README's "Layout", checked by `npm run lint:imports` (part of npm test).
 * Imports run downwards: game -> common, ml -> common, scripts -> common; never game <-> ml, and
 * nothing in the product imports test/. The benches (scripts/bench*) and the Chromium tooling
 * (scripts/browser/) sit above both: they measure the game's pure parts and the models.
 */
const NODE_OR_HEAVY = ['^node:', '^pixi\\.js', '^@tensorflow/'];

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle hides which module is the lower one.', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', comment: 'Every import resolves to a file or an installed package.', from: {}, to: { couldNotResolve: true } },
    {
      name: 'common-is-pure',
      severity: 'error',
      comment: 'common/ is shared by game/ and ml/: it imports neither, nor pixi, tfjs or node:*.',
      from: { path: '^common/' },
      to: { path: ['^(game|ml|scripts|test)/', ...NODE_OR_HEAVY], dependencyTypesNot: ['type-only'] },
    },
    { name: 'common-is-pure-node-core', severity: 'error', from: { path: '^common/' }, to: { dependencyTypes: ['core'] } },
    { name: 'game-not-ml', severity: 'error', comment: 'The browser game never imports Node training code.', from: { path: '^game/' }, to: { path: '^(ml|scripts|test)/' } },
    { name: 'game-not-node', severity: 'error', from: { path: '^game/' }, to: { dependencyTypes: ['core'] } },
    { name: 'ml-not-game', severity: 'error', comment: 'Training and evaluation share code with the game only through common/.', from: { path: '^ml/' }, to: { path: '^(game|scripts|test)/' } },
    {
      name: 'tooling-not-product-internals',
      severity: 'error',
      comment: 'Build, serve and dev tooling builds the game by path; it imports only common/ and its own modules.',
      from: { path: '^scripts/', pathNot: '^scripts/(bench|browser)(/|\\.ts$)' },
      to: { path: '^(game|ml|test)/' },
    },
    {
      name: 'benches-measure-from-outside',
      severity: 'error',
      comment: 'The benches and the Chromium tooling drive the game and the models from outside: they may use their pure parts and ml/ libraries, never the composition root, the CLI entries or test/.',
      from: { path: '^scripts/(bench|browser)(/|\\.ts$)' },
      to: { path: ['^test/', '^game/(main\\.ts|view/|platform/)', '^ml/cli/'] },
    },
    { name: 'main-is-a-root', severity: 'error', comment: 'game/main.ts is the composition root: nothing imports it.', from: {}, to: { path: '^game/main\\.ts$' } },
    {
      name: 'cli-entries-are-roots',
      severity: 'error',
      comment: 'ml/cli/ holds the entries; libraries never import them (tests run them as processes).',
      from: { path: '^(common|game|ml|scripts)/', pathNot: '^ml/cli/' },
      to: { path: '^ml/cli/' },
    },
    {
      name: 'state-is-pure',
      severity: 'error',
      comment: 'game/state/ is the game model as data: no pixi, no tfjs, no adapters, controllers or views.',
      from: { path: '^game/(state|layout)/' },
      to: { path: ['^pixi\\.js', '^@tensorflow/', '^game/(platform|app|view)/'] },
    },
    {
      name: 'platform-below-app',
      severity: 'error',
      comment: 'Browser and tfjs adapters know nothing of controllers or Pixi views.',
      from: { path: '^game/platform/' },
      to: { path: ['^game/(app|view)/', '^pixi\\.js'] },
    },
    {
      name: 'views-only-view',
      severity: 'error',
      comment: 'Pixi views read state; they never reach adapters, controllers or tfjs.',
      from: { path: '^game/view/' },
      to: { path: ['^game/(platform|app)/', '^@tensorflow/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
