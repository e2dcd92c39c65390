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
}

/** The support code the first pass of this process loaded. */
let loadedSupport: ISupportCodeLibrary | undefined;

export async function runSuitePass(pass: SuitePass): Promise<RunResults> {
  const { runConfiguration } = await loadConfiguration({
    provided: {
      paths: [...pass.cucumberPaths],
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
