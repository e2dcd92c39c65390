/** What the commands share: the verdict line, counted words, and the end of a run as an exit code and one line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HarnessError } from '../driver/errors';
import { parserComplaint, UsageError } from './args';

/** Exit codes are a contract: 0 conformant, 1 non-conformant, 2 could not judge. */
export const EXIT = { conformant: 0, nonConformant: 1, couldNotJudge: 2 } as const;

export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

export function verdict(print: (line: string) => void, code: number, words: string): number {
  print(`Verdict: ${words} (exit ${code})`);
  return code;
}

/**
 * Runs a command's main function with the process arguments and sets the exit code: a mistake of the user
 * or a problem the harness names is one line (and a hint to --help); only a bug shows its stack.
 */
export function runCommand(name: string, main: (argv: readonly string[], write: (line: string) => void) => Promise<number>): void {
  main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      const known = error instanceof UsageError || error instanceof HarnessError;
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      if (error instanceof UsageError) process.stderr.write('Run with --help for the options.\n');
      if (!known && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
      process.exitCode = EXIT.couldNotJudge;
    });
}

/** As parseOptions, for a command that also takes positional arguments (folders, files). */
export function parseOptionsAndArguments<const T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: true, options });
  } catch (error) {
    throw parserComplaint(error);
  }
}

/** A command's options by node:util's parser, strictly; its several-line complaints become one UsageError line. */
export function parseOptions<const T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, options }).values;
  } catch (error) {
    throw parserComplaint(error);
  }
}
