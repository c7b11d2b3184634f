/**
 * The folder import rules of README's "Layout", checked by `npm run lint:imports` (part of npm test);
 * test/lint/importRules.test.ts plants a violation of each rule in test/fixtures/imports/ and expects
 * it reported, so no rule here is one nobody has seen fail.
 * Imports run downwards: game -> common, ml -> common, scripts -> common; never game <-> ml, and
 * nothing in the product imports test/. The benches (scripts/bench*) and the Chromium tooling
 * (scripts/browser/) sit above both: they measure the game's pure parts and the models.
 * Packages are part of the graph (only not followed into), so a rule can name one: a package's
 * resolved path contains node_modules/<name>/, from the repository or from a fixture below it.
 */
const PIXI = '(^|/)node_modules/pixi\\.js/';
const TFJS = '(^|/)node_modules/@tensorflow/';
/** a mode's room or the shell: the layers inside them */
const ROOM = '^game/(shell|modes/[^/]+)/';
/** controllers: whatever in a room is not one of its layers (state, layout, platform, view), and the roots */
const CONTROLLERS = [`${ROOM}(?!(state|layout|platform|view)/)`, '^game/(main|screens)\\.ts$'];
/** ml's layers, highest first: a layer imports only those after it (process/ is a helper of all). */
const ML_LAYERS = [
  // entries: the Node commands, and the Train mode's worker (a browser entry, loaded by URL, never imported)
  { name: 'cli, worker', path: '^ml/(cli|worker)/' },
  { name: 'training, eval, numbers, keras', path: '^ml/(training|eval|numbers|keras)/' },
  { name: 'models', path: '^ml/models/' },
  { name: 'data', path: '^ml/data/' },
  { name: 'backend', path: '^ml/backend/' },
];

const mlLayerRules = ML_LAYERS.slice(1).map((layer, i) => ({
  name: `ml-${layer.name.split(',')[0]}-below`,
  severity: 'error',
  comment: `ml/ runs cli -> training|eval|numbers|keras -> models -> data -> backend: ${layer.name} never imports a layer above it.`,
  from: { path: layer.path },
  to: { path: ML_LAYERS.slice(0, i + 1).map((above) => above.path) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle hides which module is the lower one.', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', comment: 'Every import resolves to a file or an installed package.', from: {}, to: { couldNotResolve: true } },
    {
      name: 'common-is-pure',
      severity: 'error',
      comment: 'common/ is shared by game/ and ml/: it imports neither, nor pixi or tfjs at run time (types only: the tfjs it is handed).',
      from: { path: '^common/' },
      to: { path: ['^(game|ml|scripts|test)/', PIXI, TFJS], dependencyTypesNot: ['type-only'] },
    },
    { name: 'common-is-pure-node-core', severity: 'error', comment: 'common/ runs in the browser too: no node:*.', from: { path: '^common/' }, to: { dependencyTypes: ['core'] } },
    { name: 'game-not-ml', severity: 'error', comment: 'The browser game never imports Node training code.', from: { path: '^game/' }, to: { path: '^(ml|scripts|test)/' } },
    { name: 'game-not-node', severity: 'error', comment: 'The game runs in a browser: no node:*.', from: { path: '^game/' }, to: { dependencyTypes: ['core'] } },
    { name: 'ml-not-game', severity: 'error', comment: 'Training and evaluation share code with the game only through common/.', from: { path: '^ml/' }, to: { path: '^(game|scripts|test)/' } },
    {
      name: 'modes-apart',
      severity: 'error',
      comment: 'A mode imports shell/ and common/, never another mode: a mode is one folder, removable on its own.',
      from: { path: '^game/modes/([^/]+)/' },
      to: { path: '^game/modes/', pathNot: '^game/modes/$1/' },
    },
    {
      name: 'shell-not-modes',
      severity: 'error',
      comment: 'The shell is what every mode shares: it knows the Screen contract, never a mode or the list of them.',
      from: { path: '^game/shell/' },
      to: { path: '^game/(modes/|screens\\.ts$|main\\.ts$|offline/)' },
    },
    {
      name: 'offline-apart',
      severity: 'error',
      comment: 'The service workers run outside the page: they import none of the game, only their own folder and common/.',
      from: { path: '^game/offline/' },
      to: { path: '^game/(shell|modes)/|^game/[^/]+\\.ts$' },
    },
    {
      name: 'state-is-pure',
      severity: 'error',
      comment: 'state/ and layout/ are the game as data: no pixi, no tfjs, no DOM adapters, controllers or views.',
      from: { path: `${ROOM}(state|layout)/` },
      to: { path: [PIXI, TFJS, `${ROOM}(platform|view)/`, ...CONTROLLERS] },
    },
    {
      name: 'platform-below-controllers',
      severity: 'error',
      comment: 'Browser and tfjs adapters know nothing of controllers or Pixi views.',
      from: { path: `${ROOM}platform/` },
      to: { path: [PIXI, `${ROOM}view/`, ...CONTROLLERS] },
    },
    {
      name: 'views-only-view',
      severity: 'error',
      comment: 'Pixi views read state; they never reach adapters, controllers or tfjs.',
      from: { path: `${ROOM}view/` },
      to: { path: [TFJS, `${ROOM}platform/`, ...CONTROLLERS] },
    },
    ...mlLayerRules,
    {
      name: 'ml-process-is-a-helper',
      severity: 'error',
      comment: 'ml/process/ (options, progress, Ctrl-C) serves every ml layer, so it imports none at run time (a type it fills in is fine).',
      from: { path: '^ml/process/' },
      to: { path: '^ml/(?!process/)', dependencyTypesNot: ['type-only'] },
    },
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
      comment: 'The benches and the Chromium tooling drive the game and the models from outside: they may use their pure parts and ml/ libraries, never the composition root, views, adapters, the CLI entries or test/.',
      from: { path: '^scripts/(bench|browser)(/|\\.ts$)' },
      to: { path: ['^test/', '^game/(main|screens)\\.ts$', `${ROOM}(view|platform)/`, '^ml/cli/'] },
    },
    { name: 'main-is-a-root', severity: 'error', comment: 'game/main.ts is the composition root: nothing imports it.', from: {}, to: { path: '^game/main\\.ts$' } },
    {
      name: 'cli-entries-are-roots',
      severity: 'error',
      comment: 'ml/cli/ holds the entries; libraries never import them (tests run them as processes).',
      from: { path: '^(common|game|ml|scripts)/', pathNot: '^ml/cli/' },
      to: { path: '^ml/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // the planted violations of test/lint/importRules.test.ts are cruised there, on their own
    exclude: { path: '^(dist|test/fixtures)/' },
    tsPreCompilationDeps: true,
    // read from the working directory: the repository's, or the fixture's (which extends it)
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
