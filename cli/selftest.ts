/**
 * `npm run selftest`: proves the suite catches what it claims. The suite runs once against the reference
 * mock, then against each one-defect variant (mock-server/defects.ts). A variant counts as caught only when
 * some scenario citing a requirement it breaks fails, and every scenario whose verdict moved cites one
 * (exact attribution). Then the stock oauth2-mock-server library is run as a known-broken target. Writes
 * reports/selftest/mutation-report.{md,json} and each run's Cucumber output; exit 0 when every variant is
 * caught exactly, 1 when one survives or is caught for the wrong reason, 2 when the runs could not be judged.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closeSharedBrowser } from '../driver/browser';
import { HarnessError } from '../driver/errors';
import { runHooks } from '../driver/run-context';
import { runRedactor } from '../driver/run-secrets';
import type { TargetProfile } from '../driver/target';
import { DEFECTS, type Defect, startMockServer } from '../mock-server';
import { findRequirement, strongestLevel } from '../spec/requirements/catalog';
import type { RequirementLevel } from '../spec/requirements/requirement';
import { UsageError } from './args';
import { EXIT, parseOptions, plural, runCommand, verdict } from './command';
import { percent } from './coverage';
import { claimReportsDir } from './reports-dir';
import type { ScenarioResult } from './run-results';
import { scanForSecrets } from './secret-scan';
import { runSuitePass } from './suite-run';
import { environment, startTarget } from './targets';
import { listFeatureFiles } from './traceability';

export const SELFTEST_USAGE = `Usage: npm run selftest -- [--defect <id>]... [--no-stock] [--reports <dir>] [--help]

Runs the suite against the reference mock, then against every one-defect variant of it, and checks that
each variant is caught by a scenario citing a requirement it breaks and by no other (exact attribution).
Then runs the stock oauth2-mock-server library as a known-broken target and lists what it violates.

Options:
  --defect <id>    only this variant (repeatable); the ids are listed below
  --no-stock       leave out the stock oauth2-mock-server run
  --reports <dir>  where the mutation report and each run's Cucumber report go (default: reports/selftest)
  --help           this text

Exit codes: 0 every variant caught exactly, 1 a variant survived or was caught for the wrong reason,
2 a run could not be judged (the reference is not green, a step is undefined, a secret leaked).

Variants:
${DEFECTS.map((defect) => `  ${defect.id.padEnd(46)} ${defect.summary}`).join('\n')}`;

/** Every scenario of the suite runs against the reference. */
const FEATURES_DIR = 'features';

/** Per-request timeout of the self-test's runs, the conformance command's default: a loaded CI machine is slow. */
const TIMEOUT_MS = 10_000;

/** The stock library answers some requests with nothing a browser can sign in on; a login gives up sooner there. */
const STOCK_TIMEOUT_MS = 3000;

/** The self-test's own files in its reports folder. */
const MUTATION_REPORTS = ['mutation-report.md', 'mutation-report.json'] as const;

/** RingCentral's own rules are not the stock library's business; its report covers the RFCs. */
const STOCK_TAGS = 'not @ringcentral';

interface SelftestOptions {
  readonly help: boolean;
  readonly defects: readonly Defect[];
  readonly stock: boolean;
  readonly reportsDir: string;
}

export function parseSelftestArgs(argv: readonly string[]): SelftestOptions {
  const values = parseOptions(argv, {
    help: { type: 'boolean', short: 'h', default: false },
    defect: { type: 'string', multiple: true },
    'no-stock': { type: 'boolean', default: false },
    reports: { type: 'string', default: join('reports', 'selftest') },
  });
  const ids = values.defect ?? [];
  const unknown = ids.find((id) => !DEFECTS.some((defect) => defect.id === id));
  if (unknown !== undefined) throw new UsageError(`unknown defect "${unknown}"; --help lists them`);
  if (values.reports.trim() === '') throw new UsageError('--reports needs a folder');
  return {
    help: values.help,
    defects: ids.length === 0 ? DEFECTS : DEFECTS.filter((defect) => ids.includes(defect.id)),
    stock: !values['no-stock'],
    reportsDir: values.reports,
  };
}

/** A scenario's place in a run: outlines repeat a name, so the occurrence counts too. */
type ScenarioKey = string;

export function keyed(results: readonly ScenarioResult[]): Map<ScenarioKey, ScenarioResult> {
  const seen = new Map<string, number>();
  const byKey = new Map<ScenarioKey, ScenarioResult>();
  for (const result of results) {
    const base = `${result.uri} :: ${result.name}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    byKey.set(`${base} #${count}`, result);
  }
  return byKey;
}

/** What a verdict means for the comparison: a finding's weight is part of it. */
export function outcome(result: ScenarioResult): string {
  return result.verdict === 'finding' ? `finding:${result.level}` : result.verdict;
}

export type VariantStatus = 'caught' | 'survived' | 'wrong reason' | 'not judged';

export interface MovedScenario {
  readonly name: string;
  readonly uri: string;
  readonly before: string;
  readonly after: string;
  readonly requirementIds: readonly string[];
  readonly step?: string;
  readonly message?: string;
  /** Whether it cites a requirement the variant breaks. */
  readonly attributed: boolean;
}

export interface VariantVerdict {
  readonly id: string;
  readonly summary: string;
  readonly breaks: readonly string[];
  readonly status: VariantStatus;
  readonly ran: number;
  readonly moved: readonly MovedScenario[];
  /** Broken requirements that no failing scenario cites: the declaration claims more than the suite shows. */
  readonly unshown: readonly string[];
  readonly reasons: readonly string[];
  readonly seconds: number;
}

/**
 * The judgement of one variant against the reference: the scenarios whose outcome moved must all have
 * become findings citing a broken requirement, at least one must have, and each broken requirement must be
 * cited by one of them.
 */
export function judgeVariant(defect: Defect, reference: readonly ScenarioResult[], variant: readonly ScenarioResult[], seconds: number): VariantVerdict {
  const before = keyed(reference);
  const moved: MovedScenario[] = [];
  for (const [key, result] of keyed(variant)) {
    const was = before.get(key);
    const after = outcome(result);
    const previous = was === undefined ? 'not in the reference' : outcome(was);
    if (previous === after) continue;
    moved.push({
      name: result.name,
      uri: result.uri,
      before: previous,
      after,
      requirementIds: result.requirementIds,
      ...(result.step === undefined ? {} : { step: result.step }),
      ...(result.message === undefined ? {} : { message: result.message }),
      attributed: result.requirementIds.some((id) => defect.breaks.includes(id)),
    });
  }
  const catchers = moved.filter(isCatch);
  const unshown = defect.breaks.filter((id) => !catchers.some((m) => m.requirementIds.includes(id)));
  // A defect that breaks a MUST must fail the run; one that breaks only SHOULDs must at least warn.
  const weight = weightOf(defect);
  const reasons: string[] = [];
  const unjudged = moved.filter((m) => m.after === 'harness' || m.after === 'undefined');
  for (const m of unjudged) reasons.push(`"${m.name}" went from ${m.before} to ${m.after}: it could not be judged`);
  if (catchers.length > 0 && !catchers.some((m) => m.after === `finding:${weight}` || (weight === 'warning' && m.after === 'finding:blocking'))) {
    reasons.push(`it breaks a ${weight === 'blocking' ? 'MUST' : 'SHOULD'}-level requirement, and no scenario failed at that weight (${catchers.map((m) => m.after).join(', ')})`);
  }
  for (const m of moved) {
    if (m.after === 'finding:blocking' && !m.attributed) {
      reasons.push(`"${m.name}" failed but cites none of ${defect.breaks.join(', ')} (it cites ${m.requirementIds.join(', ')})`);
    }
  }
  for (const id of unshown) reasons.push(`no failing scenario cites ${id}, which the variant claims to break`);
  const status: VariantStatus =
    unjudged.length > 0 ? 'not judged' : catchers.length === 0 ? 'survived' : reasons.length > 0 ? 'wrong reason' : 'caught';
  return { id: defect.id, summary: defect.summary, breaks: defect.breaks, status, ran: variant.length, moved, unshown, reasons, seconds };
}

/** The weight the strongest broken requirement gives a finding: what the variant must at least produce. */
export function weightOf(defect: Defect): RequirementLevel {
  const requirements = defect.breaks.map(findRequirement).filter((r): r is NonNullable<typeof r> => r !== undefined);
  return strongestLevel(requirements) ?? 'blocking';
}

/** A scenario the variant made fail, at any weight, for a requirement the variant breaks. */
export function isCatch(moved: MovedScenario): boolean {
  return moved.attributed && moved.after.startsWith('finding');
}

/**
 * A scenario that moved without failing the run (a SHOULD warning, a MAY feature now absent, a skip) and
 * cites none of the broken requirements: a side effect the report shows, not a failure for a wrong reason.
 */
export function isCollateral(moved: MovedScenario): boolean {
  return !moved.attributed && !['finding:blocking', 'harness', 'undefined'].includes(moved.after);
}

/**
 * Which defects could change each scenario: the probed reference names, per request, every defect that
 * would have answered differently, and the scenario running at the time collects them. Only scenarios
 * sent to the mock count; the clean-up after a scenario changes no verdict.
 */
class Sensitivity {
  private readonly byScenario = new Map<string, Set<string>>();
  private current: Set<string> | undefined;
  private inCleanUp = false;

  /** The reference mock's probe. */
  readonly probe = (defectId: string): void => {
    if (!this.inCleanUp) this.current?.add(defectId);
  };

  install(): void {
    runHooks.scenarios = {
      begin: (key) => {
        // The hooks number a name's occurrences across the process; the name alone selects them all.
        const base = key.replace(/ #\d+$/, '');
        this.current = this.byScenario.get(base) ?? new Set();
        this.byScenario.set(base, this.current);
        this.inCleanUp = false;
      },
      cleanUp: () => {
        this.inCleanUp = true;
      },
      end: () => {
        this.current = undefined;
        return [];
      },
    };
  }

  uninstall(): void {
    delete runHooks.scenarios;
  }

  /** The names of the scenarios the defect could change. */
  namesFor(defectId: string): string[] {
    const names = new Set<string>();
    for (const [base, defects] of this.byScenario) {
      if (defects.has(defectId)) names.add(base.slice(base.indexOf(' :: ') + 4));
    }
    return [...names];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const STATUS_MARKS: Readonly<Record<VariantStatus, string>> = {
  caught: 'caught      ',
  survived: 'SURVIVED    ',
  'wrong reason': 'WRONG REASON',
  'not judged': 'NOT JUDGED  ',
};

interface StockVerdict {
  readonly exitCode: number;
  readonly ran: number;
  readonly counts: Readonly<Record<string, number>>;
  /** Requirement id → the scenarios that failed it, MUST-level ones first. */
  readonly violated: readonly { id: string; level: string; scenarios: string[] }[];
  readonly seconds: number;
}

export async function runSelftest(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const options = parseSelftestArgs(argv);
  if (options.help) {
    write(SELFTEST_USAGE);
    return EXIT.conformant;
  }
  const print = (line: string): void => write(runRedactor.redact(line));
  const started = performance.now();
  const cucumberPaths = listFeatureFiles([FEATURES_DIR], null);
  const quiet = (): void => undefined;
  const leaks: string[] = [];
  // The folder is locked for the whole self-test; only its own reports are replaced.
  const top = claimReportsDir(options.reportsDir, MUTATION_REPORTS);

  /** One pass against a target, its Cucumber report in a folder of its own, scanned for leaked secrets. */
  const pass = async (
    folder: string,
    target: TargetProfile,
    issuedSecrets: () => string[],
    select: { names?: readonly string[]; tags?: string; timeoutMs?: number; html?: boolean } = {},
  ): Promise<ScenarioResult[]> => {
    const reports = claimReportsDir(join(options.reportsDir, folder));
    try {
      const results = await runSuitePass({
        cucumberPaths,
        ...(select.names === undefined ? {} : { names: select.names }),
        ...(select.tags === undefined ? {} : { tags: select.tags }),
        // Each HTML report carries its viewer (about 1 MB); a variant keeps the same evidence in its messages and JUnit file.
        formats: [select.html === false ? `junit:${reports.file('junit')}` : `html:${reports.file('html')}`, `message:${reports.file('messages')}`],
        target,
        timeoutMs: select.timeoutMs ?? TIMEOUT_MS,
        print: quiet,
      });
      for (const leak of scanForSecrets(reports.path, [...runRedactor.values(), ...issuedSecrets()])) {
        leaks.push(`${leak.file} contains ${leak.count} secret value(s)`);
      }
      runRedactor.forget();
      return results.scenarios;
    } finally {
      reports.release();
    }
  };

  try {
    print(`Self-test: the suite against the reference mock, ${plural(options.defects.length, 'one-defect variant')}${options.stock ? ' and the stock oauth2-mock-server' : ''}`);
    const sensitivity = new Sensitivity();
    const referenceMock = await startMockServer({ probe: sensitivity.probe });
    let reference: ScenarioResult[];
    const referenceStarted = performance.now();
    try {
      sensitivity.install();
      reference = await pass('reference', referenceMock.targetProfile(), () => referenceMock.issuedSecrets());
    } finally {
      sensitivity.uninstall();
      await referenceMock.stop();
    }
    const unjudged = reference.filter((r) => r.verdict === 'harness' || r.verdict === 'undefined' || (r.verdict === 'finding' && r.level === 'blocking'));
    print(`reference: ${plural(reference.length, 'scenario')} in ${secondsSince(referenceStarted)} s, ${unjudged.length === 0 ? 'green' : `${unjudged.length} not green`}`);
    if (unjudged.length > 0) {
      for (const r of unjudged.slice(0, 10)) print(`  ${r.verdict} ${r.name}: ${r.message ?? ''}`);
      throw new HarnessError('the reference mock is not green, so no variant can be judged against it');
    }

    const verdicts: VariantVerdict[] = [];
    for (const [index, defect] of options.defects.entries()) {
      const variantStarted = performance.now();
      const mock = await startMockServer({ defect: defect.id });
      let results: ScenarioResult[];
      try {
        // A scenario in which the defect would have changed no answer runs exactly as in the reference.
        const names = sensitivity.namesFor(defect.id);
        results = names.length === 0 ? [] : await pass(join('variants', defect.id), mock.targetProfile(), () => mock.issuedSecrets(), {
          names: [`^(?:${names.map(escapeRegExp).join('|')})$`],
          html: false,
        });
      } finally {
        await mock.stop();
      }
      const verdict = judgeVariant(defect, reference, results, Number(secondsSince(variantStarted)));
      verdicts.push(verdict);
      const caughtBy = verdict.moved.filter(isCatch).length;
      print(
        `${STATUS_MARKS[verdict.status]} [${String(index + 1).padStart(2)}/${options.defects.length}] ${defect.id}: ` +
          `${plural(caughtBy, 'scenario')} of ${verdict.ran} failed (${verdict.seconds.toFixed(1)} s)`,
      );
      for (const reason of verdict.reasons) print(`           ${reason}`);
    }

    let stock: StockVerdict | undefined;
    if (options.stock) {
      const stockStarted = performance.now();
      const target = await startTarget('oauth2-mock-server', environment());
      let results: ScenarioResult[];
      try {
        results = await pass('oauth2-mock-server', target.profile, target.issuedSecrets, { tags: STOCK_TAGS, timeoutMs: STOCK_TIMEOUT_MS });
      } finally {
        await target.stop();
      }
      stock = judgeStock(results, Number(secondsSince(stockStarted)));
      const musts = stock.violated.filter((v) => v.level === 'blocking').length;
      print(
        `stock oauth2-mock-server: ${plural(stock.ran, 'scenario')}; its failed scenarios cite ${plural(musts, 'MUST-level requirement')} and ` +
          `${plural(stock.violated.length - musts, 'SHOULD-level one')} (${stock.seconds.toFixed(1)} s)`,
      );
    }

    const seconds = Number(secondsSince(started));
    const proven = provenScenarios(reference, verdicts);
    const report = { generated: new Date().toISOString(), seconds, referenceScenarios: reference.length, variants: verdicts, stock };
    writeFileSync(join(options.reportsDir, MUTATION_REPORTS[1]), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(options.reportsDir, MUTATION_REPORTS[0]), renderMutationReport(verdicts, stock, reference.length, seconds, proven));
    const caught = verdicts.filter((v) => v.status === 'caught').length;
    const requirements = new Set(verdicts.flatMap((v) => v.breaks));
    print('');
    print(
      `mutation score: ${caught} of ${plural(verdicts.length, 'variant')} caught exactly (${percent(caught, verdicts.length)}), covering ${plural(requirements.size, 'requirement')}; ` +
        `${proven.proven} of ${proven.scenarios} scenarios caught at least one; ${seconds.toFixed(1)} s in all`,
    );
    print(`Reports: ${MUTATION_REPORTS.map((name) => relative(process.cwd(), join(options.reportsDir, name))).join(', ')} and each run's Cucumber output beside them`);
    if (leaks.length > 0) {
      for (const leak of leaks) print(`LEAK: ${leak}`);
      return verdict(print, EXIT.couldNotJudge, 'secrets leaked into the reports');
    }
    if (stock !== undefined && stock.exitCode !== EXIT.nonConformant) {
      return verdict(print, EXIT.couldNotJudge, 'the stock oauth2-mock-server, known to be broken, was not found non-conformant');
    }
    const notJudged = verdicts.filter((v) => v.status === 'not judged').length;
    if (caught + notJudged < verdicts.length) return verdict(print, EXIT.nonConformant, `${plural(verdicts.length - caught - notJudged, 'variant')} not caught exactly`);
    if (notJudged > 0) return verdict(print, EXIT.couldNotJudge, `${plural(notJudged, 'variant')} could not be judged: a scenario ended in a harness error (see its report)`);
    return verdict(print, EXIT.conformant, 'every variant caught by the requirement it breaks');
  } finally {
    await closeSharedBrowser();
    top.release();
  }
}

/** Of the reference's scenarios (an outline's rows as one), how many caught some variant: those proven able to fail. */
export function provenScenarios(reference: readonly ScenarioResult[], verdicts: readonly VariantVerdict[]): { proven: number; scenarios: number } {
  const caught = new Set(verdicts.flatMap((v) => v.moved.filter(isCatch).map((m) => `${m.uri} :: ${m.name}`)));
  const scenarios = [...new Set(reference.map((r) => `${r.uri} :: ${r.name}`))];
  return { proven: scenarios.filter((key) => caught.has(key)).length, scenarios: scenarios.length };
}

/** What the stock library violates: the requirements its failed scenarios cite, MUSTs first. */
function judgeStock(results: readonly ScenarioResult[], seconds: number): StockVerdict {
  const counts: Record<string, number> = {};
  const violated = new Map<string, { id: string; level: string; scenarios: string[] }>();
  for (const result of results) {
    counts[outcome(result)] = (counts[outcome(result)] ?? 0) + 1;
    if (result.verdict !== 'finding' || result.level === 'informational') continue;
    for (const id of result.requirementIds) {
      const requirement = findRequirement(id);
      const level: RequirementLevel = (requirement === undefined ? undefined : strongestLevel([requirement])) ?? result.level;
      // A scenario fails as a whole: its weaker citations are not shown failed by a MUST it broke.
      if (level !== result.level) continue;
      const entry = violated.get(id) ?? { id, level, scenarios: [] as string[] };
      entry.scenarios.push(result.name);
      violated.set(id, entry);
    }
  }
  const blocking = results.some((r) => r.verdict === 'finding' && r.level === 'blocking');
  const unjudged = results.some((r) => r.verdict === 'harness' || r.verdict === 'undefined');
  const exitCode = blocking ? EXIT.nonConformant : unjudged ? EXIT.couldNotJudge : EXIT.conformant;
  const list = [...violated.values()].sort((a, b) => (a.level === b.level ? a.id.localeCompare(b.id) : a.level === 'blocking' ? -1 : 1));
  return { exitCode, ran: results.length, counts, violated: list, seconds };
}

export function renderMutationReport(
  verdicts: readonly VariantVerdict[],
  stock: StockVerdict | undefined,
  referenceScenarios: number,
  seconds: number,
  proven?: { proven: number; scenarios: number },
): string {
  const caught = verdicts.filter((v) => v.status === 'caught').length;
  const lines = [
    '# Self-test: mutation report',
    '',
    `The suite ran against the reference mock (${referenceScenarios} scenarios) and against ${verdicts.length} one-defect variants, in ${seconds.toFixed(1)} s.`,
    `Mutation score: **${caught} of ${verdicts.length}** (${percent(caught, verdicts.length)}) caught exactly: some scenario citing a broken requirement failed, every broken requirement is cited by one that failed, and no scenario citing none of them failed the run.`,
    '',
    '| variant | breaks | verdict | caught by | scenarios run | s |',
    '|---|---|---|---|---|---|',
    ...verdicts.map((v) => {
      const catchers = v.moved.filter(isCatch);
      return `| ${v.id} | ${v.breaks.join('<br>')} | ${v.status} | ${catchers.map((m) => `${cell(m.name)} (${m.after.replace('finding:', '')})`).join('<br>') || '—'} | ${v.ran} | ${v.seconds.toFixed(1)} |`;
    }),
    '',
  ];
  const wrong = verdicts.filter((v) => v.reasons.length > 0);
  if (wrong.length > 0) {
    lines.push('## Not caught exactly', '');
    for (const v of wrong) lines.push(`- **${v.id}** (${v.summary}):`, ...v.reasons.map((reason) => `  - ${cell(reason)}`));
    lines.push('');
  }
  const collateral = verdicts.filter((v) => v.moved.some(isCollateral));
  if (collateral.length > 0) {
    lines.push(
      '## Side effects that do not fail a run',
      '',
      'Scenarios the variant moved to a SHOULD warning, an absent MAY feature or a skip although they cite none of the broken requirements: usually a check that needs the behaviour the variant broke before it can look at its own.',
      '',
    );
    for (const v of collateral) {
      lines.push(`- **${v.id}**: ${v.moved.filter(isCollateral).map((m) => `"${cell(m.name)}" (${m.before} → ${m.after})`).join('; ')}`);
    }
    lines.push('');
  }
  if (proven !== undefined) {
    lines.push(`Scenarios that caught at least one variant: ${proven.proven} of ${proven.scenarios} (an outline counts once); a scenario that catches none is not yet proven able to fail.`, '');
  }
  lines.push('## What each variant does wrong', '', ...verdicts.map((v) => `- **${v.id}**: ${v.summary}.`), '');
  if (stock !== undefined) {
    lines.push(
      '## The stock oauth2-mock-server library',
      '',
      `Run unwrapped, through targets/oauth2-mock-server/profile.json, without the RingCentral scenarios: ${stock.ran} scenarios in ${stock.seconds.toFixed(1)} s (exit ${stock.exitCode}).`,
      `Outcomes: ${Object.entries(stock.counts).map(([name, count]) => `${name} ${count}`).join(', ')}.`,
      '',
      'The requirements its failed scenarios cite, at the weight of the finding (a scenario fails as a whole, so some rows ride along with the rule that broke):',
      '',
      '| requirement | level | failed scenarios |',
      '|---|---|---|',
      ...stock.violated.map((v) => `| ${v.id} | ${v.level === 'blocking' ? 'MUST' : 'SHOULD'} | ${v.scenarios.map(cell).join('<br>')} |`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function secondsSince(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}

if (require.main === module) {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`selftest: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; the reports of this self-test are incomplete\n`);
      process.exit(code);
    });
  }
  runCommand('selftest', runSelftest);
}
