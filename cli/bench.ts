/**
 * `npm run bench`: how fast the suite runs against the embedded mock, measured from the outside as a user
 * starts it. Each run is a fresh `npm run conformance` process; its messages give the time from starting
 * the process to the first scenario and each scenario's duration, and Playwright's own debug log counts the
 * browsers it launched. Then the mock's token endpoint takes a fixed number of password grants. Writes
 * reports/bench.json (and each run's reports under reports/bench/) and prints the figures against the
 * budgets; exit 0 measured, 1 a budget missed with --enforce-budgets, 2 could not measure.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { HarnessError } from '../driver/errors';
import { startMockServer } from '../mock-server';
import { UsageError } from './args';
import { EXIT, parseOptions, plural, runCommand, verdict } from './command';
import { claimReportsDir, REPORT_FILES } from './reports-dir';
import { RunResults } from './run-results';

export const BENCH_USAGE = `Usage: npm run bench -- [--runs N] [--requests N] [--reports <dir>] [--enforce-budgets] [--help]

Runs the whole suite against the embedded mock N times, each in a fresh process, then sends the mock's token
endpoint a fixed number of password grants N times, and reports the medians against the budgets.

Options:
  --runs N           how many suite runs and throughput batches, 1 to 20 (default: 3)
  --requests N       password grants per throughput batch, 100 to 100000 (default: 2000)
  --reports <dir>    where bench.json goes; each run's reports go to <dir>/bench/run-<i> (default: reports)
  --enforce-budgets  exit 1 when a median misses its budget (default: report it, exit 0)
  --help             this text

Exit codes: 0 measured (and within budget, with --enforce-budgets), 1 a budget missed with
--enforce-budgets, 2 could not measure (the suite was not green against the mock, or a bad option).`;

/** What the issue that asked for the benchmark set; shared machines are noisy, so they are judged on medians. */
export const BUDGETS = {
  suiteSeconds: 30,
  firstScenarioSeconds: 1,
  browserLaunchesPerRun: 1,
} as const;

/** How many token requests are in flight at once: a small pool, as a client library with keep-alive would have. */
const CONCURRENCY = 8;

interface BenchOptions {
  readonly help: boolean;
  readonly runs: number;
  readonly requests: number;
  readonly reportsDir: string;
  readonly enforceBudgets: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const values = parseOptions(argv, {
    help: { type: 'boolean', short: 'h', default: false },
    runs: { type: 'string', default: '3' },
    requests: { type: 'string', default: '2000' },
    reports: { type: 'string', default: 'reports' },
    'enforce-budgets': { type: 'boolean', default: false },
  });
  const whole = (name: string, text: string, min: number, max: number): number => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
    return value;
  };
  if (values.reports.trim() === '') throw new UsageError('--reports needs a folder');
  return {
    help: values.help,
    runs: whole('runs', values.runs, 1, 20),
    requests: whole('requests', values.requests, 100, 100_000),
    reportsDir: values.reports,
    enforceBudgets: values['enforce-budgets'],
  };
}

/** One suite run, as measured. */
export interface SuiteRun {
  readonly wallSeconds: number;
  /** From starting the process to Cucumber starting the first scenario. */
  readonly firstScenarioSeconds: number;
  readonly scenarios: number;
  readonly browserScenarioMs: readonly number[];
  readonly otherScenarioMs: readonly number[];
  readonly browserLaunches: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Playwright's debug channel for browser processes logs this once per launch. */
const LAUNCH_LINE = /pw:browser <launching> /;

/** Reads one run's Cucumber messages: the first scenario's start, and every scenario's duration by kind. */
export function readRun(messagesFile: string, startedAtMs: number, wallSeconds: number, debugLog: string): SuiteRun {
  const results = new RunResults(() => undefined);
  let firstStartMs: number | undefined;
  for (const line of readFileSync(messagesFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const envelope = JSON.parse(line) as Envelope;
    if (envelope.testCaseStarted !== undefined && firstStartMs === undefined) {
      const { seconds, nanos } = envelope.testCaseStarted.timestamp;
      firstStartMs = seconds * 1000 + nanos / 1e6;
    }
    results.onMessage(envelope);
  }
  if (firstStartMs === undefined) throw new HarnessError(`${messagesFile}: no scenario started`);
  const browser = results.scenarios.filter((scenario) => scenario.tags.includes('@browser'));
  const other = results.scenarios.filter((scenario) => !scenario.tags.includes('@browser'));
  return {
    wallSeconds,
    firstScenarioSeconds: (firstStartMs - startedAtMs) / 1000,
    scenarios: results.scenarios.length,
    browserScenarioMs: browser.map((scenario) => scenario.durationMs),
    otherScenarioMs: other.map((scenario) => scenario.durationMs),
    browserLaunches: debugLog.split('\n').filter((line) => LAUNCH_LINE.test(line)).length,
  };
}

/** `npm run conformance` in a fresh process, as a user starts it, with Playwright's browser log on. */
async function runSuite(reportsDir: string): Promise<SuiteRun> {
  const args = ['--require', 'ts-node/register/transpile-only', join('cli', 'conformance.ts'), '--reports', reportsDir];
  const startedAtMs = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, DEBUG: 'pw:browser' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== EXIT.conformant) {
    const last = stdout.trim().split('\n').slice(-1)[0] ?? stderr.trim().split('\n').slice(-1)[0] ?? '';
    throw new HarnessError(`the suite is not green against the mock (exit ${code}): ${last}; see ${reportsDir}`);
  }
  return readRun(join(reportsDir, REPORT_FILES.messages), startedAtMs, wallSeconds, stderr);
}

/** Password grants against a fresh mock, CONCURRENCY at a time; every one must be granted. */
export async function tokenThroughput(requests: number): Promise<number> {
  const mock = await startMockServer();
  try {
    const app = mock.registry.apps['private-server-only'];
    const [user] = mock.registry.users;
    if (app.clientSecret === undefined || user === undefined) throw new HarnessError('the mock has no private server-only app or no user');
    const url = `${mock.baseUrl}${mock.targetProfile().paths.token}`;
    const authorization = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    const body = new URLSearchParams({ grant_type: 'password', username: user.username, extension: user.extension, password: user.password }).toString();
    let next = 0;
    const refused: number[] = [];
    const worker = async (): Promise<void> => {
      while (next < requests) {
        next += 1;
        const response = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body });
        await response.arrayBuffer();
        if (response.status !== 200) refused.push(response.status);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    if (refused.length > 0) throw new HarnessError(`the mock refused ${refused.length} of ${requests} password grants (first: HTTP ${refused[0]})`);
    return requests / seconds;
  } finally {
    await mock.stop();
  }
}

export interface BenchReport {
  readonly measuredAt: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly node: string; readonly loadAverageAtStart: readonly number[] };
  readonly runs: readonly SuiteRun[];
  readonly medians: {
    readonly suiteSeconds: number;
    readonly firstScenarioSeconds: number;
    readonly browserScenarioMs: number;
    readonly otherScenarioMs: number;
    readonly browserLaunchesPerRun: number;
    readonly tokenRequestsPerSecond: number;
  };
  readonly tokenEndpoint: { readonly requestsPerBatch: number; readonly concurrency: number; readonly requestsPerSecond: readonly number[] };
  readonly budgets: typeof BUDGETS;
  readonly withinBudget: { readonly suite: boolean; readonly firstScenario: boolean; readonly browserLaunches: boolean };
}

export function summarize(runs: readonly SuiteRun[], throughput: readonly number[], requests: number, load: readonly number[]): BenchReport {
  const medians = {
    suiteSeconds: round(median(runs.map((run) => run.wallSeconds)), 1),
    firstScenarioSeconds: round(median(runs.map((run) => run.firstScenarioSeconds)), 2),
    // The median run's median: each run's median scenario, then the middle of those.
    browserScenarioMs: Math.round(median(runs.map((run) => median(run.browserScenarioMs)))),
    otherScenarioMs: Math.round(median(runs.map((run) => median(run.otherScenarioMs)))),
    browserLaunchesPerRun: median(runs.map((run) => run.browserLaunches)),
    tokenRequestsPerSecond: Math.round(median(throughput)),
  };
  return {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtStart: load.map((value) => round(value, 2)) },
    runs: runs.map((run) => ({ ...run, wallSeconds: round(run.wallSeconds, 2), firstScenarioSeconds: round(run.firstScenarioSeconds, 2) })),
    medians,
    tokenEndpoint: { requestsPerBatch: requests, concurrency: CONCURRENCY, requestsPerSecond: throughput.map((value) => Math.round(value)) },
    budgets: BUDGETS,
    withinBudget: {
      suite: medians.suiteSeconds < BUDGETS.suiteSeconds,
      firstScenario: medians.firstScenarioSeconds < BUDGETS.firstScenarioSeconds,
      browserLaunches: medians.browserLaunchesPerRun <= BUDGETS.browserLaunchesPerRun,
    },
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function renderSummary(report: BenchReport): string[] {
  const { medians, budgets, withinBudget, machine } = report;
  const mark = (within: boolean): string => (within ? 'within budget' : 'OVER BUDGET');
  const browserRuns = report.runs.map((run) => run.browserScenarioMs.length);
  return [
    `machine: ${plural(machine.cpus, 'core')} (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')} at the start`,
    `suite against the mock: median ${medians.suiteSeconds} s over ${plural(report.runs.length, 'run')} (budget under ${budgets.suiteSeconds} s: ${mark(withinBudget.suite)})`,
    `start to first scenario: median ${medians.firstScenarioSeconds} s (budget under ${budgets.firstScenarioSeconds} s: ${mark(withinBudget.firstScenario)})`,
    `median scenario: ${medians.otherScenarioMs} ms without the browser, ${medians.browserScenarioMs} ms with it (${browserRuns[0] ?? 0} browser scenarios a run)`,
    `browsers launched per run: ${medians.browserLaunchesPerRun} (budget ${budgets.browserLaunchesPerRun}: ${mark(withinBudget.browserLaunches)})`,
    `token endpoint: median ${medians.tokenRequestsPerSecond} password grants/s (${report.tokenEndpoint.requestsPerBatch} a batch, ${report.tokenEndpoint.concurrency} in flight, client and mock in one process)`,
  ];
}

export async function runBench(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const options = parseBenchArgs(argv);
  if (options.help) {
    write(BENCH_USAGE);
    return EXIT.conformant;
  }
  const load = loadavg();
  const reports = claimReportsDir(options.reportsDir, ['bench.json']);
  try {
    const runs: SuiteRun[] = [];
    for (let index = 1; index <= options.runs; index += 1) {
      const run = await runSuite(join(options.reportsDir, 'bench', `run-${index}`));
      runs.push(run);
      write(
        `run ${index}/${options.runs}: ${plural(run.scenarios, 'scenario')} in ${run.wallSeconds.toFixed(1)} s, first scenario after ${run.firstScenarioSeconds.toFixed(2)} s, ` +
          `${plural(run.browserLaunches, 'browser launch', 'browser launches')}`,
      );
    }
    const throughput: number[] = [];
    for (let index = 1; index <= options.runs; index += 1) {
      throughput.push(await tokenThroughput(options.requests));
      write(`token batch ${index}/${options.runs}: ${Math.round(throughput[index - 1] ?? 0)} password grants/s`);
    }
    const report = summarize(runs, throughput, options.requests, load);
    const file = join(options.reportsDir, 'bench.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    write('');
    for (const line of renderSummary(report)) write(line);
    write(`Report: ${relative(process.cwd(), file)}`);
    const missed = Object.entries(report.withinBudget).filter(([, within]) => !within).map(([name]) => name);
    if (missed.length === 0) return verdict(write, EXIT.conformant, 'measured, every median within its budget');
    if (options.enforceBudgets) return verdict(write, EXIT.nonConformant, `over budget: ${missed.join(', ')}`);
    return verdict(write, EXIT.conformant, `measured; over budget on this machine: ${missed.join(', ')}`);
  } finally {
    reports.release();
  }
}

if (require.main === module) runCommand('bench', runBench);
