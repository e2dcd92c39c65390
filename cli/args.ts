/** The conformance command's options: parsed and validated, or a one-line reason why not. */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import parseTagExpression from '@cucumber/tag-expressions';
import { describeClientProblem, isModulePath } from '../driver/client-adapter';
import { parseShard, type Shard } from './shard';
import { describeTargetProblem } from './targets';

export const USAGE = `Usage: npm run conformance -- [options] [feature files or folders]

Runs the conformance scenarios against a target and writes reports.

Options:
  --target <name>    the authorization server to test:
                       mock              the embedded mock, strict (default, started in-process)
                       mock:ringcentral  the embedded mock in its RingCentral fidelity mode, through the
                                         ringcentral profile (rate limits scaled: 5 a second)
                       mock:defect:<id>  the embedded mock with one defect built in (listed by
                                         npm run selftest -- --help)
                       oauth2-mock-server
                                         the oauth2-mock-server library as it ships, started in-process:
                                         a known-broken server, for a demonstration
                       ringcentral       RingCentral's platform, credentials from RINGCENTRAL_* variables
                                         (see .env.example)
                       replay:<folder>   a run recorded with --record, replayed offline
                       <file>.json       any OAuth 2.0 server described by a target profile file
  --client <name>    act as the app through a client under test instead of the harness's own driver:
                       reference, ringcentral-sdk, careless:<lapse>[,<lapse>…], or a module of your
                       own exporting createClientAdapter (see the README, "For SDK authors"); the
                       scenarios that need requests no client library sends are skipped with the reason
  --baseline <file>  known deviations to judge the run against (default: the one the target profile names)
  --record <folder>  also record every exchange, redacted, as fixtures for --target replay:<folder>
  --tags <expr>      only scenarios matching a Cucumber tag expression, e.g. "@rfc6750 and not @browser"
  --name <regex>     only scenarios whose name matches
  --shard <i/n>      run part i of n of the selected scenarios (balanced, stable while the features stay
                     the same); combine the parts' reports with npm run merge-reports
  --reports <dir>    where reports are written (default: reports)
  --timeout <ms>     per-request and per-page timeout, 1 to 600000 (default: 10000)
  --help             this text

Environment:
  CONFORMANCE_BROWSER  path of the Chromium/Chrome used for browser logins

Exit codes: 0 conformant, 1 non-conformant, 2 could not judge.`;

/** Every scenario of the project, when no feature file or folder is named. */
export const ALL_FEATURES = 'features/**/*.feature';

const MAX_TIMEOUT_MS = 600_000;

export interface ConformanceOptions {
  readonly help: boolean;
  readonly target: string;
  readonly baseline?: string;
  readonly client?: string;
  readonly shard?: Shard;
  readonly record?: string;
  readonly tags?: string;
  readonly name?: string;
  readonly reportsDir: string;
  readonly timeoutMs: number;
  readonly paths: readonly string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * node:util's complaint about a command line as one line for the user: its messages can run over several
 * lines, and its advice on positional arguments after '--' only confuses under npm run, which takes '--' itself.
 */
export function parserComplaint(error: unknown): UsageError {
  const message = (error instanceof Error ? error.message : String(error)).split('\n').join(' ').replace(/\. To specify a positional argument.*$/, '');
  return new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
}

/** What a command built on the conformance runner changes: its defaults (client-conformance.ts). */
export interface RunDefaults {
  readonly paths: readonly string[];
  readonly reportsDir: string;
  readonly client?: string;
}

const SERVER_SUITE: RunDefaults = { paths: [ALL_FEATURES], reportsDir: 'reports' };

export function parseConformanceArgs(argv: readonly string[], defaults: RunDefaults = SERVER_SUITE): ConformanceOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        target: { type: 'string', default: 'mock' },
        baseline: { type: 'string' },
        client: { type: 'string' },
        shard: { type: 'string' },
        record: { type: 'string' },
        tags: { type: 'string', short: 't' },
        name: { type: 'string' },
        reports: { type: 'string', default: defaults.reportsDir },
        timeout: { type: 'string', default: '10000' },
      },
    });
  } catch (error) {
    throw parserComplaint(error);
  }
  const { values, positionals } = parsed;
  const target = values.target;
  const targetProblem = describeTargetProblem(target);
  if (targetProblem !== undefined) throw new UsageError(targetProblem);
  const client = values.client ?? defaults.client;
  const clientProblem = client === undefined ? undefined : describeClientProblem(client);
  if (clientProblem !== undefined) throw new UsageError(`--client: ${clientProblem}`);
  if (client !== undefined && isModulePath(client) && !(existsSync(client) && statSync(client).isFile())) {
    throw new UsageError(`--client: no such module: ${client} (a relative path starts from the project folder, where npm runs the scripts)`);
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  if (shard !== undefined && values.record !== undefined) throw new UsageError('--record and --shard do not go together: record the whole suite in one run');
  if (values.baseline !== undefined && !existsSync(values.baseline)) throw new UsageError(`no such baseline file: ${values.baseline}`);
  if (values.record !== undefined && values.record.trim() === '') throw new UsageError('--record needs a folder');
  if (values.record !== undefined && existsSync(values.record) && !statSync(values.record).isDirectory()) {
    throw new UsageError(`--record needs a folder, and ${values.record} is a file`);
  }
  if (values.record !== undefined && target.startsWith('replay:')) throw new UsageError('--record cannot record a replay: record from the target itself');
  const timeoutMs = /^\d+$/.test(values.timeout) ? Number(values.timeout) : Number.NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not "${values.timeout}"`);
  }
  if (values.tags !== undefined) {
    try {
      parseTagExpression(values.tags);
    } catch (error) {
      throw new UsageError(`--tags: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // A glob pattern (quoted, so the shell left it alone) goes to Cucumber as it is.
  const literal = positionals.filter((path) => !path.includes('*'));
  const missing = literal.find((path) => !existsSync(path));
  if (missing !== undefined) throw new UsageError(`no such feature file or folder: ${missing}`);
  const notFeature = literal.find((path) => !statSync(path).isDirectory() && !path.endsWith('.feature'));
  if (notFeature !== undefined) throw new UsageError(`not a feature file (*.feature) or a folder: ${notFeature}`);
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
    ...(values.baseline === undefined ? {} : { baseline: values.baseline }),
    ...(client === undefined ? {} : { client }),
    ...(shard === undefined ? {} : { shard }),
    ...(values.record === undefined ? {} : { record: values.record }),
    ...(values.tags === undefined ? {} : { tags: values.tags }),
    ...(values.name === undefined ? {} : { name: values.name }),
    reportsDir: values.reports,
    timeoutMs,
    paths: positionals.length > 0 ? positionals : [...defaults.paths],
  };
}

