/**
 * `npm run conformance`: starts the target (the embedded mock by default), runs the scenarios through
 * Cucumber's API, writes the reports, checks them for leaked secrets and exits 0 / 1 / 2.
 */
import { accessSync, constants, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { IConfiguration } from '@cucumber/cucumber/api';
import { closeSharedBrowser } from '../driver/browser';
import { createClientAdapter } from '../driver/client-adapter';
import { ConformanceDriver } from '../driver/driver';
import { Redactor } from '../driver/redaction';
import { HarnessError } from '../driver/errors';
import { NamingStrategyExampleName, NamingStrategyFeatureName, NamingStrategyLength, namingStrategy } from '@cucumber/query';
import { describeTransportError, endpointOf } from '../driver/http-client';
import { runRedactor } from '../driver/run-secrets';
import type { TargetProfile } from '../driver/target';
import { FixtureRecorder } from '../driver/fixtures';
import { minimumSpanMs } from '../driver/pacer';
import { allPacers, resetPacers, revokeEverything, runHooks } from '../driver/run-context';
import { REQUIREMENTS } from '../spec/requirements/catalog';
import { type ConformanceOptions, parseConformanceArgs, type RunDefaults, USAGE, UsageError } from './args';
import { checkAgainstSuite, loadBaseline } from './baseline';
import { buildCoverage, renderHtml, renderMarkdown } from './coverage';
import { decide, printTotals, publishSummary, renderSummary } from './verdict';
import { nonBlockingFindings, rewriteJUnitFile } from './junit';
import { claimReportsDir, REPORT_FILES, type ReportsDir, refuseKernelFolder } from './reports-dir';
import { EXIT, plural, runCommand, verdict } from './command';
import { scanForSecrets } from './secret-scan';
import { runSuitePass } from './suite-run';
import { environment, RECORDED_BASELINE, type StartedTarget, startTarget } from './targets';
import { listFeatureFiles, readTraceability, type Traceability } from './traceability';

export { EXIT } from './command';

/** The client-conformance suite's folder (npm run client-conformance). */
export const CLIENT_FEATURES = 'client-features';

/** How long a stopped run may spend revoking the tokens its scenarios still hold. */
const REVOKE_ON_STOP_MS = 15_000;

/** Any HTTP answer means the target is there; only a transport failure makes the run unjudgeable. */
async function checkReachable(profile: TargetProfile, timeoutMs: number): Promise<void> {
  const url = new URL(profile.paths.token, profile.baseUrl).toString();
  try {
    await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new HarnessError(
      `target ${profile.name}: the token endpoint (GET ${endpointOf(url)}), asked before any scenario whether the target is there: ${describeTransportError(error, timeoutMs)}`,
    );
  }
}

/**
 * Each JUnit test case by its scenario's own name, an outline's example values filled in. The formatter
 * takes the naming strategy as an object, which Cucumber's option types (JSON only) do not foresee.
 */
export function junitOptions(targetName: string): IConfiguration['formatOptions'] {
  const options = {
    junit: {
      suiteName: `oauth-conformance (${targetName})`,
      testNamingStrategy: namingStrategy(NamingStrategyLength.SHORT, NamingStrategyFeatureName.EXCLUDE, NamingStrategyExampleName.PICKLE),
    },
  };
  return options as unknown as IConfiguration['formatOptions'];
}

export async function runConformance(
  argv: readonly string[],
  write: (line: string) => void,
  variant: { readonly usage: string; readonly defaults?: RunDefaults } = { usage: USAGE },
): Promise<number> {
  const options = parseConformanceArgs(argv, variant.defaults);
  if (options.help) {
    write(variant.usage);
    return EXIT.conformant;
  }
  // Messages can quote what a server sent; nothing secret may reach a CI log either.
  const print = (line: string): void => write(runRedactor.redact(line));
  const reports = claimReportsDir(options.reportsDir);
  try {
    return await runClaimed(options, reports, print);
  } finally {
    reports.release();
  }
}

/**
 * The suite's citations (coverage reads every scenario) and the paths Cucumber runs: named folders become
 * the feature files in them, so nothing under node_modules runs. Only the selected scenarios must cite known
 * requirements; a problem elsewhere in the suite does not stop a run of one file.
 */
function selectScenarios(paths: readonly string[], print: (line: string) => void): { traceability: Traceability; cucumberPaths: string[] } {
  const named = paths.filter((path) => !path.includes('*'));
  const traceability = readTraceability(listFeatureFiles(named));
  const namedFiles = listFeatureFiles(named, null);
  if (named.length > 0 && namedFiles.length === 0) throw new UsageError(`no feature files in ${named.join(', ')}`);
  const onlyNamed = named.length === paths.length;
  const selected = new Set(onlyNamed ? namedFiles : listFeatureFiles(named));
  const problems = traceability.problems.filter((problem) => selected.has(problem.uri));
  if (problems.length > 0) {
    for (const problem of problems.slice(0, 10)) print(problem.message);
    const more = problems.length > 10 ? ` (${problems.length - 10} more not shown)` : '';
    throw new HarnessError(`${plural(problems.length, 'scenario problem')} stopped the run${more}: see the lines above, and spec/requirements/ for the ids`);
  }
  return { traceability, cucumberPaths: onlyNamed ? namedFiles : [...paths] };
}

async function runClaimed(options: ConformanceOptions, reports: ReportsDir, print: (line: string) => void): Promise<number> {
  const started = performance.now();
  resetPacers();
  const { traceability, cucumberPaths } = selectScenarios(options.paths, print);
  if (options.record !== undefined) claimFixturesFolder(options.record);
  const clientSuite = cucumberPaths.some(isClientFeature);
  if (clientSuite && options.client === undefined) throw new UsageError(`the scenarios in ${CLIENT_FEATURES}/ judge a client: name one with --client, or run npm run client-conformance`);
  const target = await startTarget(options.target, environment());
  const recorder = options.record === undefined ? undefined : new FixtureRecorder(options.record, runRedactor);
  try {
    if (clientSuite && target.profile.requestLogUrl === undefined) {
      throw new HarnessError(`target ${target.profile.name} records no requests, so the client suite cannot see what the client sends: run it against the mock (the default)`);
    }
    // A client is judged against its own known deviations, never against the server's.
    const baselineFile = options.baseline ?? (clientSuite ? undefined : target.baseline);
    const baseline = baselineFile === undefined ? undefined : loadBaseline(baselineFile);
    if (baseline !== undefined && clientSuite && baseline.target !== options.client) {
      throw new HarnessError(`${baselineFile}: it lists the deviations of ${baseline.target}, not of the client under test (${options.client ?? ''})`);
    }
    if (baseline !== undefined) checkAgainstSuite(baseline, traceability.scenarios);
    if (target.hooks === undefined) await checkReachable(target.profile, options.timeoutMs);
    print(`Target: ${target.profile.name} at ${target.profile.baseUrl}`);
    if (options.client !== undefined) print(`Client under test: ${options.client} (${describeClient(options.client, target.profile, options.timeoutMs)})`);
    if (baseline !== undefined) print(`Baseline: ${relative(process.cwd(), baseline.file)} (${plural(baseline.deviations.length, 'entry', 'entries')})`);
    installHooks(target, recorder, print);

    const results = await runSuitePass({
      cucumberPaths,
      ...(options.tags === undefined ? {} : { tags: options.tags }),
      ...(options.name === undefined ? {} : { names: [options.name] }),
      formats: [`html:${reports.file('html')}`, `junit:${reports.file('junit')}`, `message:${reports.file('messages')}`],
      formatOptions: junitOptions(subjectOf(target.profile.name, options)),
      target: target.profile,
      timeoutMs: options.timeoutMs,
      ...(options.client === undefined ? {} : { client: options.client }),
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      print,
      announce: print,
    });

    const coverage = buildCoverage(REQUIREMENTS, traceability.scenarios, results.scenarios, { ...target.profile, name: subjectOf(target.profile.name, options) });
    writeFileSync(reports.file('coverageMarkdown'), renderMarkdown(coverage));
    writeFileSync(reports.file('coverageHtml'), renderHtml(coverage));

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    printTotals(results, coverage, seconds, clientSuite, print);

    for (const stats of allPacers().flatMap((pacer) => pacer.stats())) {
      if (stats.requests === 0) continue;
      print(
        `pacing: ${plural(stats.requests, 'request')} in the ${stats.group} group (${stats.limit} per ${stats.windowSeconds} s) took ${(stats.spanMs / 1000).toFixed(1)} s ` +
          `from first to last, the limit allows no less than ${(minimumSpanMs(stats) / 1000).toFixed(1)} s; ${(stats.waitedMs / 1000).toFixed(1)} s waiting, ${plural(stats.throttled, 'answer')} of 429`,
      );
    }
    const throttled = allPacers().reduce((sum, pacer) => sum + pacer.throttledAnswers, 0);
    if (throttled > 0) print(`rate limits: the target answered ${plural(throttled, 'request')} with 429; each was waited out and sent again (at most 3 times)`);
    if (results.cleanUpProblems > 0) {
      print(`clean-up: ${plural(results.cleanUpProblems, 'token')} could not be revoked at the end of a scenario; the report says which answer came back`);
    }
    if (recorder !== undefined) {
      recorder.finish(target.profile);
      if (target.baseline !== undefined) copyFileSync(target.baseline, join(options.record ?? '', RECORDED_BASELINE));
      print(`Fixtures: ${options.record} (replay with --target replay:${options.record})`);
    }
    const subject = [subjectOf(target.profile.name, options), ...(options.shard === undefined ? [] : [`shard ${options.shard.index}/${options.shard.count}`])].join(', ');
    let decision = decide(results, baseline, print);
    rewriteJUnitFile(reports.file('junit'), nonBlockingFindings(results.scenarios, new Set(decision.judged?.known.map((k) => k.scenario))));
    writeFileSync(reports.file('summary'), renderSummary({ subject, results, decision }));
    // Fixtures are made to be committed, so they are scanned as the reports are.
    const secrets = [...runRedactor.values(), ...target.issuedSecrets()];
    const leaks = [reports.path, ...(options.record === undefined ? [] : [options.record])].flatMap((folder) => scanForSecrets(folder, secrets));
    const written = (Object.keys(REPORT_FILES) as (keyof typeof REPORT_FILES)[]).map((name) => relative(process.cwd(), reports.file(name)));
    print(`Reports: ${written.join(', ')}`);
    for (const leak of leaks) print(`LEAK: ${leak.file} contains ${leak.count} secret value(s) from this run`);
    if (leaks.length > 0) decision = { code: EXIT.couldNotJudge, words: `secrets leaked into the ${options.record === undefined ? 'reports' : 'reports or fixtures'}` };
    publishSummary(renderSummary({ subject, results, decision }), reports.file('summary'), print);
    // Last: a part whose record is there finished, and merge-reports honours what it concluded (a leak above all).
    const outcome = { code: decision.code, words: decision.words, leaks: leaks.length };
    writeFileSync(reports.file('run'), `${JSON.stringify({ ...runRecord(options, target.profile, baselineFile), outcome }, null, 2)}\n`);
    return verdict(print, decision.code, decision.words);
  } finally {
    uninstallHooks();
    await closeSharedBrowser();
    await target.stop();
  }
}

/** The run's subject in the reports' titles: the target, and the client when one is under test. */
export function subjectOf(target: string, options: { readonly client?: string | undefined }): string {
  return options.client === undefined ? target : `${target}, client ${options.client}`;
}

/** Whether a path given to Cucumber is a scenario of the client suite. */
export function isClientFeature(path: string): boolean {
  return relative(process.cwd(), resolve(path)).split(sep)[0] === CLIENT_FEATURES;
}

/** What a shard's reports were made from, for merge-reports to check that the shards belong together. */
export interface RunRecord {
  readonly target: string;
  readonly capabilities: readonly string[];
  /** The baseline the run was judged against, relative to the working folder. */
  readonly baseline?: string;
  readonly client?: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly selection: { readonly paths: readonly string[]; readonly tags?: string; readonly name?: string };
  /** How the run ended; written last, so a record without it is of a run that stopped early. */
  readonly outcome?: { readonly code: number; readonly words: string; readonly leaks: number };
}

function runRecord(options: ConformanceOptions, profile: TargetProfile, baselineFile: string | undefined): RunRecord {
  return {
    target: profile.name,
    capabilities: profile.capabilities,
    ...(baselineFile === undefined ? {} : { baseline: relative(process.cwd(), baselineFile) }),
    ...(options.client === undefined ? {} : { client: options.client }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    selection: { paths: options.paths, ...(options.tags === undefined ? {} : { tags: options.tags }), ...(options.name === undefined ? {} : { name: options.name }) },
  };
}

/** The client's own description, from a throwaway instance: a module that cannot be loaded stops the run here, once. */
function describeClient(client: string, profile: TargetProfile, timeoutMs: number): string {
  const driver = new ConformanceDriver(profile, { timeoutMs, attach: () => undefined, redactor: new Redactor() });
  return createClientAdapter(client, { target: profile, driver, timeoutMs }).description;
}

/** The fixtures folder exists and takes files before the run starts: a long live run is not recorded in vain. */
function claimFixturesFolder(folder: string): void {
  refuseKernelFolder(folder, '--record');
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--record: cannot write to ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The replay's hooks, or the recorder's, reach every scenario's driver through run-context.ts. */
function installHooks(target: StartedTarget, recorder: FixtureRecorder | undefined, print: (line: string) => void): void {
  if (target.hooks !== undefined) Object.assign(runHooks, target.hooks);
  runHooks.notice = print;
  if (recorder !== undefined) {
    // An exchange hook set before the run still sees every exchange, the recorder's besides.
    const earlier = runHooks.onExchange;
    runHooks.onExchange = (exchange) => {
      earlier?.(exchange);
      recorder.record(exchange);
    };
    runHooks.scenarios = {
      begin: (key) => recorder.beginScenario(key),
      end: () => {
        recorder.endScenario();
        return [];
      },
    };
  }
}

function uninstallHooks(): void {
  delete runHooks.notice;
  delete runHooks.onExchange;
  delete runHooks.prepareBrowserContext;
  delete runHooks.scenarios;
}

/**
 * Without these a Ctrl-C ends the run without a word, and a CI cancel (SIGTERM) only closes the browser
 * while the run goes on; the lock left behind names a dead process and is taken over by the next run.
 */
export function stopCleanlyOnSignals(command: string): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`${command}: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; the reports of this run are incomplete\n`);
      // Tokens a scenario holds would otherwise outlive the run as sessions at the target.
      void revokeEverything(REVOKE_ON_STOP_MS).then((left) => {
        if (left > 0) process.stderr.write(`${command}: ${plural(left, 'scenario')} still held tokens that could not be revoked in time\n`);
        process.exit(code);
      });
    });
  }
}

if (require.main === module) {
  stopCleanlyOnSignals('conformance');
  runCommand('conformance', runConformance);
}
