/**
 * `npm run flakes`: runs the suite against a fresh reference mock several times in one process and reports
 * every scenario whose outcome was not the same in all runs. The suite is meant to be deterministic (the
 * mock's clock, no sleeps), so any variation is a defect of the suite or the mock. Writes
 * reports/flakes/flakes.md and .json; exit 0 when nothing varied, 1 when something did, 2 on a usage error.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closeSharedBrowser } from '../driver/browser';
import { runRedactor } from '../driver/run-secrets';
import { startMockServer } from '../mock-server';
import { UsageError } from './args';
import { EXIT, parseOptions, plural, runCommand, verdict } from './command';
import { claimReportsDir } from './reports-dir';
import type { ScenarioResult } from './run-results';
import { keyed, outcome } from './selftest';
import { runSuitePass } from './suite-run';
import { listFeatureFiles } from './traceability';

export const FLAKES_USAGE = `Usage: npm run flakes -- [--runs N] [--tags <expr>] [--reports <dir>] [--help]

Runs the whole suite N times against a fresh embedded mock and lists every scenario whose outcome varied.

Options:
  --runs N         how many runs, 2 to 1000 (default: 20)
  --tags <expr>    only scenarios matching a Cucumber tag expression, e.g. "not @browser"
  --reports <dir>  where flakes.md and flakes.json go (default: reports/flakes)
  --help           this text

Exit codes: 0 every scenario had the same outcome in every run, 1 some varied, 2 could not run.`;

const FLAKE_REPORTS = ['flakes.md', 'flakes.json'] as const;

interface FlakesOptions {
  readonly help: boolean;
  readonly runs: number;
  readonly tags?: string;
  readonly reportsDir: string;
}

export function parseFlakesArgs(argv: readonly string[]): FlakesOptions {
  const values = parseOptions(argv, {
    help: { type: 'boolean', short: 'h', default: false },
    runs: { type: 'string', default: '20' },
    tags: { type: 'string' },
    reports: { type: 'string', default: join('reports', 'flakes') },
  });
  const runs = /^\d+$/.test(values.runs) ? Number(values.runs) : Number.NaN;
  if (!(runs >= 2 && runs <= 1000)) throw new UsageError(`--runs must be a whole number from 2 to 1000, not "${values.runs}"`);
  if (values.reports.trim() === '') throw new UsageError('--reports needs a folder');
  return { help: values.help, runs, ...(values.tags === undefined ? {} : { tags: values.tags }), reportsDir: values.reports };
}

export interface Flake {
  readonly scenario: string;
  /** Outcome → the runs (1-based) that had it. */
  readonly outcomes: Readonly<Record<string, number[]>>;
}

/** The scenarios whose outcome differed between runs, each with which run saw what. */
export function findFlakes(runs: readonly (readonly ScenarioResult[])[]): Flake[] {
  const seen = new Map<string, Record<string, number[]>>();
  runs.forEach((results, index) => {
    for (const [key, result] of keyed(results)) {
      const outcomes = seen.get(key) ?? {};
      (outcomes[outcome(result)] ??= []).push(index + 1);
      seen.set(key, outcomes);
    }
  });
  const flakes: Flake[] = [];
  for (const [scenario, outcomes] of seen) {
    const counted = Object.values(outcomes).reduce((sum, list) => sum + list.length, 0);
    // A scenario missing from a run varied too: it did not run at all there.
    if (Object.keys(outcomes).length > 1 || counted < runs.length) flakes.push({ scenario, outcomes });
  }
  return flakes;
}

export async function runFlakes(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const options = parseFlakesArgs(argv);
  if (options.help) {
    write(FLAKES_USAGE);
    return EXIT.conformant;
  }
  const reports = claimReportsDir(options.reportsDir, FLAKE_REPORTS);
  const cucumberPaths = listFeatureFiles(['features'], null);
  const runs: ScenarioResult[][] = [];
  const started = performance.now();
  try {
    for (let run = 1; run <= options.runs; run += 1) {
      const runStarted = performance.now();
      const mock = await startMockServer();
      try {
        const results = await runSuitePass({
          cucumberPaths,
          ...(options.tags === undefined ? {} : { tags: options.tags }),
          formats: [],
          target: mock.targetProfile(),
          timeoutMs: 10_000,
          print: () => undefined,
        });
        runs.push(results.scenarios);
        // Nothing is written but the outcomes, so nothing is scanned; each run brings fresh credentials.
        runRedactor.forget();
      } finally {
        await mock.stop();
      }
      const varied = findFlakes(runs).length;
      write(`run ${run}/${options.runs}: ${plural(runs[run - 1]?.length ?? 0, 'scenario')} in ${((performance.now() - runStarted) / 1000).toFixed(1)} s; ${plural(varied, 'scenario')} varied so far`);
    }
  } finally {
    await closeSharedBrowser();
    reports.release();
  }
  const flakes = findFlakes(runs);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '# Flake hunt',
    '',
    `${options.runs} runs of ${plural(runs[0]?.length ?? 0, 'scenario')}${options.tags === undefined ? '' : ` (tags: ${options.tags})`} against a fresh mock each, in ${seconds} s: ${plural(flakes.length, 'scenario')} varied.`,
    '',
    ...flakes.map((flake) => `- ${flake.scenario}: ${Object.entries(flake.outcomes).map(([name, list]) => `${name} in runs ${list.join(', ')}`).join('; ')}`),
    '',
  ];
  writeFileSync(join(options.reportsDir, FLAKE_REPORTS[0]), lines.join('\n'));
  writeFileSync(join(options.reportsDir, FLAKE_REPORTS[1]), `${JSON.stringify({ runs: options.runs, seconds: Number(seconds), flakes }, null, 2)}\n`);
  for (const flake of flakes) write(`VARIED ${flake.scenario}: ${JSON.stringify(flake.outcomes)}`);
  write(`Reports: ${FLAKE_REPORTS.map((name) => relative(process.cwd(), join(options.reportsDir, name))).join(', ')}`);
  return flakes.length === 0
    ? verdict(write, EXIT.conformant, `every scenario had the same outcome in all ${options.runs} runs`)
    : verdict(write, EXIT.nonConformant, `${plural(flakes.length, 'scenario')} varied between runs`);
}

if (require.main === module) runCommand('flakes', runFlakes);
