import { parseArgs } from 'node:util';
import { UsageError, fraction, oneOf, positiveInteger, positiveNumber, runCli } from './options.ts';

/**
 * One definition per command-line flag: its type, default and help. From the definitions come the
 * parseArgs spec, the conversion of every value (errors name the flag, as options.ts words them), the
 * usage text and the line of resolved options an entry prints at start. The default is written once,
 * here, and shown in the usage as "(default: …)".
 */
interface About {
  /** the usage line's text; a '\n' starts a continuation line */
  readonly help: string;
}

export type Flag =
  | (About & { readonly type: 'boolean' })
  | (About & { readonly type: 'string'; readonly arg: string; readonly default?: string })
  /** a positive integer, at most `max` (default: the largest exact integer) */
  | (About & { readonly type: 'integer'; readonly arg?: string; readonly default?: number; readonly max?: number })
  /** a positive number */
  | (About & { readonly type: 'number'; readonly arg?: string; readonly default?: number })
  /** any finite number */
  | (About & { readonly type: 'real'; readonly arg?: string; readonly default?: number })
  /** a number in (0, 1] */
  | (About & { readonly type: 'fraction'; readonly arg?: string; readonly default?: number })
  | (About & { readonly type: 'choice'; readonly choices: readonly string[]; readonly default?: string });

export type Flags = Readonly<Record<string, Flag>>;

type Value<F extends Flag> = F extends { readonly type: 'boolean' } ? boolean
  : F extends { readonly type: 'choice'; readonly choices: readonly (infer C)[] } ? (F extends { readonly default: string } ? C : C | undefined)
  : F extends { readonly type: 'string' } ? (F extends { readonly default: string } ? string : string | undefined)
  : F extends { readonly default: number } ? number : number | undefined;

export type FlagValues<F extends Flags> = { readonly [K in keyof F]: Value<F[K]> };

export interface CliSpec<F extends Flags> {
  /** after "usage: ", e.g. "npm run evaluate -- --model DIR [options]" */
  readonly command: string;
  /** lines between the usage line and the flags (what the command does), '' for none */
  readonly about?: string;
  readonly flags: F;
  /** lines after the flags (what Ctrl-C does), '' for none */
  readonly notes?: string;
  /** whether words that are not flags are allowed (a subcommand) */
  readonly positionals?: boolean;
}

export interface ParsedArgs<F extends Flags> {
  readonly values: FlagValues<F>;
  readonly positionals: readonly string[];
  /** which flags were given on the command line (a resumed run refuses different ones) */
  readonly given: ReadonlySet<keyof F & string>;
}

export interface Cli<F extends Flags> {
  readonly usage: string;
  /** null after --help (the usage is printed) */
  parse(args?: readonly string[]): ParsedArgs<F> | null;
  /** the resolved options as flags, for the first line an entry prints: "--seed 1 --out assets/models/x" */
  describe(values: FlagValues<F>): string;
  /** parses the command line and runs `main` with it, as runCli reports errors; --help only prints the usage */
  run(main: (args: ParsedArgs<F>) => Promise<void>): Promise<void>;
}

/** The help flag every entry takes. */
export const HELP_FLAG = { type: 'boolean', help: 'print this text' } as const;

/** Column where the help texts start. */
const HELP_COLUMN = 27;

export function defineCli<const F extends Flags>(spec: CliSpec<F>): Cli<F> {
  const flags = { help: HELP_FLAG, ...spec.flags };
  const usage = [
    `usage: ${spec.command}`,
    ...(spec.about === undefined || spec.about === '' ? [] : [spec.about]),
    ...Object.entries(flags).map(([name, flag]) => usageLine(name, flag)),
    ...(spec.notes === undefined || spec.notes === '' ? [] : [spec.notes]),
  ].join('\n');
  const cli: Cli<F> = {
    usage,
    parse: (args = process.argv.slice(2)) => {
      const options = Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, { type: flag.type === 'boolean' ? 'boolean' as const : 'string' as const }]));
      const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: spec.positionals ?? false });
      if (parsed.values.help === true) {
        console.log(usage);
        return null;
      }
      const values = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, convert(name, flag, parsed.values[name])]));
      const given = new Set(Object.keys(parsed.values).filter((name) => name in spec.flags));
      // every key of F is set above, converted as its definition says, so the values have F's types
      return { values: values as FlagValues<F>, positionals: parsed.positionals, given };
    },
    describe: (values) => Object.keys(spec.flags).flatMap((name) => {
      const value = (values as Readonly<Record<string, string | number | boolean | undefined>>)[name];
      if (value === undefined || value === false) return [];
      return value === true ? [`--${name}`] : [`--${name} ${String(value)}`];
    }).join(' '),
    run: (main) => runCli(usage, async () => {
      const args = cli.parse();
      if (args !== null) await main(args);
    }),
  };
  return cli;
}

function convert(name: string, flag: Flag, raw: string | boolean | (string | boolean)[] | undefined): string | number | boolean | undefined {
  if (flag.type === 'boolean') return raw === true;
  if (typeof raw !== 'string' && raw !== undefined) throw new UsageError(`--${name} takes one value`);
  switch (flag.type) {
    case 'string':
      return raw ?? flag.default;
    case 'choice':
      return oneOf(name, raw, flag.choices) ?? flag.default;
    case 'integer':
      return raw === undefined ? flag.default : positiveInteger(name, raw, 0, flag.max);
    case 'number':
      return raw === undefined ? flag.default : positiveNumber(name, raw, 0);
    case 'real':
      return raw === undefined ? flag.default : finiteNumber(name, raw);
    case 'fraction':
      return fraction(name, raw) ?? flag.default;
  }
}

function finiteNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got '${raw}'`);
  return n;
}

function usageLine(name: string, flag: Flag): string {
  const arg = flag.type === 'boolean' ? '' : flag.type === 'choice' ? ` ${flag.choices.join('|')}` : ` ${flag.arg ?? (flag.type === 'integer' ? 'N' : 'X')}`;
  const bound = flag.type === 'integer' && flag.max !== undefined ? ` (at most ${flag.max})` : '';
  const fallback = flag.type !== 'boolean' && flag.default !== undefined ? ` (default: ${String(flag.default)})` : '';
  const [first = '', ...more] = `${flag.help}${bound}${fallback}`.split('\n');
  const head = `  --${name}${arg}`;
  const lines = [head.length < HELP_COLUMN ? head.padEnd(HELP_COLUMN) + first : `${head}\n${' '.repeat(HELP_COLUMN)}${first}`];
  return [...lines, ...more.map((line) => ' '.repeat(HELP_COLUMN) + line)].join('\n');
}
