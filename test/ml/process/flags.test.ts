import { expect, test } from 'vitest';
import { defineCli } from '../../../ml/process/flags.ts';

const cli = defineCli({
  command: 'npm run demo -- [options]',
  about: '  Demonstrates every kind of flag.',
  flags: {
    numbers: { type: 'integer', help: 'synthetic numbers', default: 12000 },
    epochs: { type: 'integer', help: "override the recipe's epochs" },
    lr: { type: 'number', arg: 'X', help: 'peak learning rate', default: 0.01 },
    target: { type: 'fraction', arg: 'A', help: 'stop at this accuracy' },
    mean: { type: 'real', arg: 'M', help: 'subtracted first', default: 0 },
    arch: { type: 'choice', choices: ['seed', 'default', 'wide'], help: 'architecture', default: 'default' },
    backend: { type: 'choice', choices: ['node', 'wasm', 'cpu'], help: 'force a backend (default: the fastest that loads)' },
    out: { type: 'string', arg: 'DIR', help: 'where the model goes;\nan existing one is kept' },
    force: { type: 'boolean', help: 'replace the model at --out' },
  },
  notes: 'Ctrl-C stops after the current step.',
});

test('defaults fill what is not given, and values are converted to their types', () => {
  const parsed = cli.parse(['--epochs', '3', '--target', '0.5', '--mean=-0.5', '--backend', 'wasm', '--force']);
  expect(parsed?.values).toEqual({ numbers: 12000, epochs: 3, lr: 0.01, target: 0.5, mean: -0.5, arch: 'default', backend: 'wasm', out: undefined, force: true });
  expect([...(parsed?.given ?? [])].sort()).toEqual(['backend', 'epochs', 'force', 'mean', 'target']);
});

test.each([
  [['--epochs', '1.5'], "--epochs must be a positive integer, got '1.5'"],
  [['--lr', '0'], "--lr must be a positive number, got '0'"],
  [['--target', '1.2'], "--target must be a number in (0, 1], got '1.2'"],
  [['--mean', 'none'], "--mean must be a number, got 'none'"],
  [['--arch', 'nope'], "--arch must be one of seed, default, wide, got 'nope'"],
  [['--frobnicate'], "Unknown option '--frobnicate'"],
  [['extra'], "Unexpected argument 'extra'"],
  [['--force=yes'], "Option '--force' does not take an argument"],
])('%j is refused: %s', (args, message) => {
  expect(() => cli.parse(args)).toThrow(message);
});

test('the usage is generated from the definitions: one line per flag, defaults said once', () => {
  expect(cli.usage).toBe([
    'usage: npm run demo -- [options]',
    '  Demonstrates every kind of flag.',
    '  --help                   print this text',
    '  --numbers N              synthetic numbers (default: 12000)',
    "  --epochs N               override the recipe's epochs",
    '  --lr X                   peak learning rate (default: 0.01)',
    '  --target A               stop at this accuracy',
    '  --mean M                 subtracted first (default: 0)',
    '  --arch seed|default|wide architecture (default: default)',
    '  --backend node|wasm|cpu  force a backend (default: the fastest that loads)',
    '  --out DIR                where the model goes;',
    '                           an existing one is kept',
    '  --force                  replace the model at --out',
    'Ctrl-C stops after the current step.',
  ].join('\n'));
});

test('--help prints the usage and parses nothing', () => {
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...line: unknown[]) => { printed.push(...line); };
  try {
    expect(cli.parse(['--help'])).toBeNull();
  } finally {
    console.log = log;
  }
  expect(printed).toEqual([cli.usage]);
});

test('the resolved options read back as flags', () => {
  const parsed = cli.parse(['--out', 'assets/models/x', '--force']);
  expect(parsed === null ? null : cli.describe(parsed.values)).toBe('--numbers 12000 --lr 0.01 --mean 0 --arch default --out assets/models/x --force');
});
