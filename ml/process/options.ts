/** Conversions for command-line values: each failure names the flag and what was wrong. */

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * `max` bounds the work a flag can ask for (1e9 numbers would run for days with no output); past
 * Number.MAX_SAFE_INTEGER an integer is no longer exact, so that is the bound of every flag.
 */
export function positiveInteger(flag: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive integer, got '${value}'`);
  if (n > max) throw new UsageError(`--${flag} must be at most ${max}, got '${value}'`);
  return n;
}

export function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number, got '${value}'`);
  return n;
}

export function fraction(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new UsageError(`--${flag} must be a number in (0, 1], got '${value}'`);
  return n;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
}

/** Runs a CLI entry: usage errors exit 2 with the usage text, other failures exit 1 with their message. */
export async function runCli(usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${(error as Error).message}\n\n${usage}`);
      process.exitCode = 2;
    } else {
      console.error(`error: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
