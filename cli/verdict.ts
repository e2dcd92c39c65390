/**
 * The end of a run, shared by `npm run conformance` and `npm run merge-reports`: the totals on the console,
 * the verdict and its exit code, and a short Markdown summary for people (reports/summary.md, the console,
 * and the CI host's step summary when it offers one).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { type Baseline, type BaselineVerdict, compareWithBaseline, renderBaselineLines } from './baseline';
import { EXIT, plural } from './command';
import { clientRulesJudged, type Coverage, mustsJudged, percent, tallies } from './coverage';
import type { RunResults, ScenarioResult } from './run-results';

export interface Decision {
  readonly code: number;
  readonly words: string;
  readonly judged?: BaselineVerdict;
}

/** The scenario counts and the coverage in two or three lines. */
export function printTotals(results: RunResults, coverage: Coverage, seconds: string, clientRun: boolean, print: (line: string) => void): void {
  const ran = results.scenarios.length;
  print('');
  print(
    `scenarios: ${results.count('passed')} passed, ${results.findings('blocking')} failed, ${plural(results.findings('warning'), 'warning')}, ` +
      `${results.findings('informational')} optional features absent, ${results.count('skipped')} skipped` +
      ` (${results.count('harness') + results.count('undefined')} could not be judged; ${ran} in ${seconds} s)`,
  );
  if (clientRun) {
    const client = clientRulesJudged(coverage);
    print(
      `client rules: ${client.covered} of ${client.observable} observable client-side rules have a scenario (${percent(client.covered, client.observable)}); ` +
        `this run judged ${client.passed + client.failed + client.warnings} of them: ${client.passed} kept, ${client.failed} broken (MUST level), ${plural(client.warnings, 'warning')}`,
    );
    return;
  }
  const musts = tallies(coverage).find((t) => t.label === 'MUST-level rules of the server');
  if (musts === undefined) return;
  const judged = mustsJudged(coverage);
  print(
    `coverage: ${musts.covered} of ${musts.observable} observable MUST-level server rules have a scenario in the suite (${percent(musts.covered, musts.observable)}); ` +
      `this run judged ${judged.passed + judged.failed} of them, ${judged.failed} failed` +
      (coverage.uncoveredMusts.length > 0 ? `; uncovered: ${coverage.uncoveredMusts.map((row) => row.requirement.id).join(', ')}` : ''),
  );
}

/** The verdict of a run whose reports are written and clean: exit code and words; the baseline's lines are printed. */
export function decide(results: RunResults, baseline: Baseline | undefined, print: (line: string) => void, today = new Date().toISOString().slice(0, 10)): Decision {
  if (results.scenarios.length === 0) return { code: EXIT.couldNotJudge, words: 'no scenario matched the selection' };
  // Nothing judged proves nothing: a target or client that offers none of what the scenarios need is no pass.
  if (results.count('skipped') === results.scenarios.length) return { code: EXIT.couldNotJudge, words: 'every selected scenario was skipped: nothing was judged (the summary says why)' };
  if (results.count('undefined') > 0) return { code: EXIT.couldNotJudge, words: 'some steps are undefined, ambiguous or pending' };
  const judged = baseline === undefined ? undefined : compareWithBaseline(baseline, results.scenarios, today);
  if (judged !== undefined) {
    for (const line of renderBaselineLines(judged)) print(line);
    if (judged.nonConformant) return { code: EXIT.nonConformant, words: 'non-conformant against the baseline', judged };
  } else if (results.findings('blocking') > 0) {
    return { code: EXIT.nonConformant, words: 'non-conformant' };
  }
  const withJudged = judged === undefined ? {} : { judged };
  if (results.count('harness') > 0) return { code: EXIT.couldNotJudge, words: 'the harness could not judge every scenario', ...withJudged };
  const known = judged?.known.length ?? 0;
  const warnings = judged === undefined ? results.findings('warning') : judged.newFailures.filter((s) => s.level === 'warning').length;
  const words = [
    judged === undefined ? 'conformant' : 'conformant against the baseline',
    ...(known > 0 ? [`${plural(known, 'known deviation')}`] : []),
    ...(warnings > 0 ? [`${plural(warnings, 'SHOULD-level warning')}`] : []),
  ];
  return { code: EXIT.conformant, words: words.length === 1 ? (words[0] ?? '') : `${words[0]}, with ${words.slice(1).join(' and ')}`, ...withJudged };
}

export interface SummaryInput {
  /** What was judged, e.g. "mock" or "mock, client ringcentral-sdk, shard 2/3". */
  readonly subject: string;
  readonly results: RunResults;
  readonly decision: Decision;
}

/** At most this many names per skip reason: a reason shared by a hundred scenarios is one line. */
const NAMES_PER_REASON = 3;

/** The summary a person reads first: counts, what blocks and why, what the baseline says, what was skipped. */
export function renderSummary({ subject, results, decision }: SummaryInput): string {
  const out = [`# Conformance of ${subject}: ${decision.words} (exit ${decision.code})`, ''];
  const { judged } = decision;
  // With a baseline, what it lists is counted apart, so the columns add up to the verdict.
  const findings = judged === undefined ? results.scenarios.filter((s) => s.verdict === 'finding') : judged.newFailures;
  const ofLevel = (level: ScenarioResult['level']): ScenarioResult[] => findings.filter((s) => s.level === level);
  out.push('| passed | failed | known deviations | warnings | optional features absent | skipped | could not judge |', '|---|---|---|---|---|---|---|');
  out.push(
    `| ${results.count('passed')} | ${ofLevel('blocking').length} | ${judged?.known.length ?? 0} | ${ofLevel('warning').length} | ${ofLevel('informational').length} | ${results.count('skipped')} | ${results.count('harness') + results.count('undefined')} |`,
  );
  const blocking = ofLevel('blocking');
  section(out, judged === undefined ? 'Blocking failures' : 'Blocking failures not in the baseline', capped(blocking.map(failureLine)));
  section(out, 'Could not judge', capped(results.scenarios.filter((s) => s.verdict === 'harness' || s.verdict === 'undefined').map(failureLine)));
  if (judged !== undefined) {
    section(out, 'Stale baseline entries (the target now keeps the rule: remove them)', judged.stale.map(({ entry }) => `- \`${entry.requirement}\`: ${md(entry.reason)}`));
    section(out, 'Expired baseline entries', judged.expired.map(({ entry, stillFails }) => `- \`${entry.requirement}\` expired ${entry.expires}${stillFails ? ', still fails' : ''}: ${md(entry.reason)}`));
    const known = [...judged.known].sort((a, b) => compareText(`${a.scenario.uri} ${a.scenario.name}`, `${b.scenario.uri} ${b.scenario.name}`));
    section(out, `Known deviations (${judged.known.length})`, capped(known.map(({ scenario, entries }) => `- ${md(scenario.name)}: ${entries.map((e) => `\`${e.requirement}\``).join(', ')}`)));
  }
  section(out, judged === undefined ? 'Warnings (SHOULD level)' : 'Warnings (SHOULD level) not in the baseline', capped(ofLevel('warning').map(failureLine)));
  section(out, `Skipped (${results.count('skipped')})`, skipLines(results.scenarios.filter((s) => s.verdict === 'skipped')));
  return `${out.join('\n')}\n`;
}

function section(out: string[], title: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  out.push('', `## ${title}`, '', ...lines);
}

/** A list of this many lines at most; the reports hold the rest. */
const MAX_LINES = 25;
/** One line of evidence: the start of the failure's message. */
const MAX_EVIDENCE_CHARS = 240;
const MAX_IDS = 3;

function capped(lines: readonly string[]): string[] {
  return lines.length <= MAX_LINES ? [...lines] : [...lines.slice(0, MAX_LINES), `- … and ${lines.length - MAX_LINES} more: see the HTML report`];
}

function failureLine(scenario: ScenarioResult): string {
  const ids = scenario.judged === undefined ? scenario.requirementIds : [scenario.judged];
  const shown = ids.slice(0, MAX_IDS).map((id) => `\`${id}\``).join(', ') + (ids.length > MAX_IDS ? ` and ${ids.length - MAX_IDS} more` : '');
  const cited = ids.length === 0 ? '' : ` (${shown})`;
  const message = scenario.message ?? 'no message';
  const evidence = message.length > MAX_EVIDENCE_CHARS ? `${message.slice(0, MAX_EVIDENCE_CHARS)}…` : message;
  return `- **${md(scenario.name)}**${cited}, ${scenario.uri}: ${md(evidence)}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Skips grouped by their reason, the commonest first, with a few of the scenarios each. */
function skipLines(skipped: readonly ScenarioResult[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const scenario of skipped) {
    const reason = scenario.message ?? 'no reason given';
    byReason.set(reason, [...(byReason.get(reason) ?? []), scenario.name]);
  }
  return [...byReason]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([reason, names]) => {
      const shown = names.slice(0, NAMES_PER_REASON).map(md).join('; ');
      return `- ${names.length} × ${md(reason)} (${shown}${names.length > NAMES_PER_REASON ? '; …' : ''})`;
    });
}

/** One line of Markdown: no table breaks, no accidental emphasis from what a server sent. */
function md(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_|<>[\]])/g, '\\$1');
}

/**
 * Writes the summary where people look: the reports folder, the console (line by line) and, on a CI host
 * that offers one (GitHub Actions' GITHUB_STEP_SUMMARY), the step summary, which several steps may add to.
 */
export function publishSummary(summary: string, file: string, print: (line: string) => void, environment: NodeJS.ProcessEnv = process.env): void {
  writeFileSync(file, summary);
  const stepSummary = environment['GITHUB_STEP_SUMMARY'];
  if (stepSummary !== undefined && stepSummary !== '') {
    try {
      appendFileSync(stepSummary, `${summary}\n`);
    } catch (error) {
      print(`summary: cannot add to GITHUB_STEP_SUMMARY (${stepSummary}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  print('');
  // The console is read as text: Markdown's escapes would only be noise there.
  for (const line of summary.trimEnd().split('\n')) print(line.replace(/\\([\\`*_|<>[\]])/g, '$1'));
  print('');
}
