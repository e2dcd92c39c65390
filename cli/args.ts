/** The conformance command's options: parsed and validated, or a one-line reason why not. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run conformance -- [options] [feature files or folders]

Runs the conformance scenarios against a target and writes reports.

Options:
  --target <name>    the authorization server to test: mock (default, started in-process)
  --tags <expr>      only scenarios matching a Cucumber tag expression, e.g. "@rfc6750 and not @browser"
  --name <regex>     only scenarios whose name matches
  --reports <dir>    where reports are written (default: reports)
  --timeout <ms>     per-request and per-page timeout (default: 10000)
  --help             this text

Environment:
  CONFORMANCE_BROWSER  path of the Chromium/Chrome used for browser logins

Exit codes: 0 conformant, 1 non-conformant, 2 could not judge.`;

export const TARGETS = ['mock'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface ConformanceOptions {
  readonly help: boolean;
  readonly target: TargetName;
  readonly tags?: string;
  readonly name?: string;
  readonly reportsDir: string;
  readonly timeoutMs: number;
  readonly paths: readonly string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseConformanceArgs(argv: readonly string[]): ConformanceOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        target: { type: 'string', default: 'mock' },
        tags: { type: 'string', short: 't' },
        name: { type: 'string' },
        reports: { type: 'string', default: 'reports' },
        timeout: { type: 'string', default: '10000' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const target = values.target;
  if (!isTarget(target)) throw new UsageError(`unknown target "${target}" (available: ${TARGETS.join(', ')})`);
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`--timeout must be a whole number of milliseconds above 0, not "${values.timeout}"`);
  }
  if (values.name !== undefined) {
    try {
      new RegExp(values.name);
    } catch {
      throw new UsageError(`--name is not a valid regular expression: ${values.name}`);
    }
  }
  if (values.reports.trim() === '') throw new UsageError('--reports needs a folder');
  return {
    help: values.help,
    target,
    ...(values.tags === undefined ? {} : { tags: values.tags }),
    ...(values.name === undefined ? {} : { name: values.name }),
    reportsDir: values.reports,
    timeoutMs,
    paths: positionals,
  };
}

function isTarget(value: string): value is TargetName {
  return (TARGETS as readonly string[]).includes(value);
}
