/**
 * One pass of the scenarios through Cucumber's API against a target that is already up: the core that the
 * conformance command, the self-test, the flake hunt and the benchmark share. The support code (steps,
 * hooks) is loaded by the first pass of a process and kept: Node loads a module once, so a second load
 * would find no steps, and compiling them once is also faster.
 */
import { Writable } from 'node:stream';
import { type IConfiguration, type ISupportCodeLibrary, loadConfiguration, loadSources, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import { locateBrowser, sharedBrowser } from '../driver/browser';
import { HarnessError } from '../driver/errors';
import type { TargetProfile } from '../driver/target';
import { RunResults } from './run-results';
import { type Shard, type ShardableScenario, scenariosOfShard } from './shard';

export interface SuitePass {
  readonly cucumberPaths: readonly string[];
  readonly tags?: string;
  /** Regular expressions; a scenario runs when its name matches one. */
  readonly names?: readonly string[];
  /** Cucumber formats, e.g. `html:reports/cucumber-report.html`. */
  readonly formats: readonly string[];
  readonly formatOptions?: IConfiguration['formatOptions'];
  readonly target: TargetProfile;
  readonly timeoutMs: number;
  /** A client under test to act as the app (driver/client-adapter.ts). */
  readonly client?: string;
  /** Progress lines, one per scenario. */
  readonly print: (line: string) => void;
  /** Said once, when the pass needs the browser. */
  readonly announce?: (line: string) => void;
  /** Only this part of the selected scenarios (shard.ts). */
  readonly shard?: Shard;
}

/** A selected scenario, as the plan of a pass sees it. */
export interface PlannedScenario extends ShardableScenario {
  readonly name: string;
}

/** The support code the first pass of this process loaded. */
let loadedSupport: ISupportCodeLibrary | undefined;

/**
 * The scenarios a pass with these paths, tags and names would run, each with its file, line and whether it
 * needs the browser: the list a shard is cut from.
 */
export async function planScenarios(pass: Pick<SuitePass, 'cucumberPaths' | 'tags' | 'names'>): Promise<PlannedScenario[]> {
  const { runConfiguration } = await loadConfiguration({
    provided: {
      paths: [...pass.cucumberPaths],
      ...(pass.tags === undefined ? {} : { tags: pass.tags }),
      ...(pass.names === undefined ? {} : { name: [...pass.names] }),
    },
  });
  const all = await planned(runConfiguration.sources);
  const browser = new Set((await planned({ ...runConfiguration.sources, tagExpression: andTags(runConfiguration.sources.tagExpression, '@browser') })).map(key));
  return all.map((scenario) => ({ ...scenario, tags: browser.has(key(scenario)) ? ['@browser'] : [] }));
}

async function planned(sources: Parameters<typeof loadSources>[0]): Promise<{ name: string; uri: string; line: number }[]> {
  const { plan, errors } = await loadSources(sources);
  const [first] = errors;
  if (first !== undefined) throw new HarnessError(`cannot parse ${first.uri}:${first.location.line}: ${first.message}`);
  return plan.map((pickle) => ({ name: pickle.name, uri: pickle.uri, line: pickle.location.line }));
}

const key = (scenario: { uri: string; line: number }): string => `${scenario.uri}:${scenario.line}`;

/** The cucumber paths of one shard: its scenarios by file and line. */
async function shardPaths(pass: SuitePass, shard: Shard): Promise<string[]> {
  const scenarios = await planScenarios(pass);
  if (scenarios.length < shard.count) {
    throw new HarnessError(`--shard ${shard.index}/${shard.count}: the selection has ${scenarios.length} scenario(s), too few for ${shard.count} parts`);
  }
  return scenariosOfShard(scenarios, shard).map(key);
}

export async function runSuitePass(pass: SuitePass): Promise<RunResults> {
  const paths = pass.shard === undefined ? [...pass.cucumberPaths] : await shardPaths(pass, pass.shard);
  const { runConfiguration } = await loadConfiguration({
    provided: {
      paths,
      ...(pass.tags === undefined ? {} : { tags: pass.tags }),
      ...(pass.names === undefined ? {} : { name: [...pass.names] }),
      format: [...pass.formats],
      ...(pass.formatOptions === undefined ? {} : { formatOptions: pass.formatOptions }),
      worldParameters: asJson({ target: pass.target, timeoutMs: pass.timeoutMs, ...(pass.client === undefined ? {} : { client: pass.client }) }),
    },
  });

  const browserPlan = await loadSources({
    ...runConfiguration.sources,
    tagExpression: andTags(runConfiguration.sources.tagExpression, '@browser'),
  });
  if (browserPlan.errors.length > 0) {
    const [first] = browserPlan.errors;
    throw new HarnessError(`cannot parse ${first?.uri}:${first?.location.line}: ${first?.message}`);
  }
  const environment = { cwd: process.cwd(), stderr: process.stderr };
  if (browserPlan.plan.length > 0) {
    const browser = locateBrowser();
    // Launched now, while the support code loads, so that a file that is no browser stops the run before it
    // starts, not each login later.
    const [support] = await Promise.all([loadedSupport ?? loadSupport(runConfiguration, environment), sharedBrowser()]);
    loadedSupport = support;
    pass.announce?.(`Browser: ${browser.path} (${browser.source}) for ${browserPlan.plan.length} login scenario${browserPlan.plan.length === 1 ? '' : 's'}`);
  }

  const results = new RunResults(pass.print);
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  // Progress is printed from the messages; Cucumber's own console formatter would repeat it.
  const { support } = await runCucumber(
    loadedSupport === undefined ? runConfiguration : { ...runConfiguration, support: loadedSupport },
    { ...environment, stdout: discard },
    results.onMessage,
  );
  loadedSupport = support;
  return results;
}

/** World parameters travel as JSON; the round trip also proves the profile is plain data. */
function asJson(value: object): IConfiguration['worldParameters'] {
  return JSON.parse(JSON.stringify(value)) as IConfiguration['worldParameters'];
}

function andTags(...expressions: (string | undefined)[]): string {
  return expressions.filter((e): e is string => e !== undefined && e.trim() !== '').map((e) => `(${e})`).join(' and ');
}
