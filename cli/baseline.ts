/**
 * Known deviations of one target: a JSON file listing the requirements the target is known to break, each
 * with the reason, a link to the evidence and an expiry date. A run compared with it blocks only on new
 * failures, and also when an entry no longer matches the target (stale) or has outlived its date (expired),
 * so a baseline cannot quietly outgrow the deviations it was written for.
 */
import { relative } from 'node:path';
import { readFileSync } from 'node:fs';
import { HarnessError } from '../driver/errors';
import { findRequirement } from '../spec/requirements/catalog';
import type { ScenarioResult } from './run-results';
import type { ScenarioCitation } from './traceability';

/** A bad baseline file: the run cannot be judged against it (exit code 2). */
export class BaselineError extends HarnessError {}

export interface Deviation {
  /** A catalog id (`spec/requirements/`). */
  readonly requirement: string;
  readonly reason: string;
  /** An http(s) link to the documentation, issue or recording that shows the deviation. */
  readonly source: string;
  /** The last day (YYYY-MM-DD, UTC) on which the entry excuses a failure. */
  readonly expires: string;
  /** Scenario names the entry is limited to; without them it covers every scenario citing the requirement. */
  readonly scenarios?: readonly string[];
}

export interface Baseline {
  /** The file it was read from (or the label given to `parseBaseline`), for the messages. */
  readonly file: string;
  readonly target: string;
  readonly deviations: readonly Deviation[];
}

const BASELINE_FIELDS = ['target', 'deviations'] as const;
const DEVIATION_FIELDS = ['requirement', 'reason', 'source', 'expires', 'scenarios'] as const;

export function loadBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`${path}: cannot read the baseline (${code ?? (error instanceof Error ? error.message : String(error))})`);
  }
  return parseBaseline(text, path);
}

/**
 * Validates as strictly as a compiler and stops at the first problem, with one line naming the file and the
 * field. An unknown field is an error: a misspelt `scenarios` would otherwise widen the entry to every scenario.
 */
export function parseBaseline(text: string, label: string): Baseline {
  const fail: Fail = (field, problem) => {
    throw new BaselineError(`${label}: ${field === '' ? '' : `${field}: `}${problem}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail('', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const top = objectWith(json, '', BASELINE_FIELDS, fail);
  const target = nonEmptyString(top, 'target', '', fail);
  const list = top['deviations'];
  if (!Array.isArray(list)) fail('deviations', list === undefined ? 'missing' : 'must be a list');
  const deviations = (list as unknown[]).map((item, index) => parseDeviation(item, `deviations[${index}]`, fail));
  deviations.forEach((deviation, index) => {
    deviations.slice(0, index).forEach((earlier, earlierIndex) => {
      const both = earlier.requirement === deviation.requirement ? sharedScope(earlier, deviation) : [];
      if (both === undefined || both.length > 0) {
        fail(`deviations[${index}]`, `${deviation.requirement} is already excused for ${scopeText(both)} by deviations[${earlierIndex}]`);
      }
    });
  });
  return { file: label, target, deviations };
}

type Fail = (field: string, problem: string) => never;

function parseDeviation(item: unknown, at: string, fail: Fail): Deviation {
  const entry = objectWith(item, at, DEVIATION_FIELDS, fail);
  const requirement = nonEmptyString(entry, 'requirement', at, fail);
  if (findRequirement(requirement) === undefined) fail(`${at}.requirement`, `${JSON.stringify(requirement)} is not a requirement of the catalog (spec/requirements/)`);
  const reason = nonEmptyString(entry, 'reason', at, fail);
  const source = nonEmptyString(entry, 'source', at, fail);
  if (!isHttpUrl(source)) fail(`${at}.source`, `${JSON.stringify(source)} is not an http(s) URL`);
  const expires = nonEmptyString(entry, 'expires', at, fail);
  if (!isDate(expires)) fail(`${at}.expires`, `${JSON.stringify(expires)} is not a date (YYYY-MM-DD)`);
  const deviation = { requirement, reason, source, expires };
  const scenarios = entry['scenarios'];
  if (scenarios === undefined) return deviation;
  // An empty list could be read as "every scenario" or as "none": either reading would surprise someone.
  if (!Array.isArray(scenarios) || scenarios.length === 0) fail(`${at}.scenarios`, 'must be a non-empty list of scenario names, or left out');
  const names: string[] = [];
  (scenarios as unknown[]).forEach((name, index) => {
    if (typeof name !== 'string' || name.trim() === '') fail(`${at}.scenarios[${index}]`, 'must be a scenario name');
    if (names.includes(name)) fail(`${at}.scenarios[${index}]`, `${JSON.stringify(name)} is listed twice`);
    names.push(name);
  });
  return { ...deviation, scenarios: names };
}

function objectWith(value: unknown, at: string, fields: readonly string[], fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, `must be an object with ${fields.join(', ')}`);
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !fields.includes(key));
  if (unknown !== undefined) fail(`${at === '' ? '' : `${at}.`}${unknown}`, `unknown field (the fields are ${fields.join(', ')})`);
  return record;
}

function nonEmptyString(record: Record<string, unknown>, field: string, at: string, fail: Fail): string {
  const path = at === '' ? field : `${at}.${field}`;
  const value = record[field];
  if (value === undefined) fail(path, 'missing');
  if (typeof value !== 'string') fail(path, `must be a string, not ${JSON.stringify(value)}`);
  if (value.trim() === '') fail(path, 'must not be empty');
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A real calendar day: `2027-02-30` has the right shape and is still no date. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The scenarios two entries for one requirement would both excuse (undefined: every one). Two entries must
 * never speak for the same scenario: which reason and which date would hold?
 */
function sharedScope(a: Deviation, b: Deviation): readonly string[] | undefined {
  if (a.scenarios === undefined) return b.scenarios;
  if (b.scenarios === undefined) return a.scenarios;
  return a.scenarios.filter((name) => b.scenarios?.includes(name));
}

function appliesTo(deviation: Deviation, scenario: ScenarioResult): boolean {
  return scenario.requirementIds.includes(deviation.requirement) && (deviation.scenarios === undefined || deviation.scenarios.includes(scenario.name));
}

export interface KnownFailure {
  readonly scenario: ScenarioResult;
  /** The unexpired entries that excuse it: one per baselined requirement the scenario cites. */
  readonly entries: readonly Deviation[];
}

export interface BaselineVerdict {
  readonly baseline: Baseline;
  /** Findings an unexpired entry excuses: reported, never blocking. */
  readonly known: readonly KnownFailure[];
  /** Findings no unexpired entry excuses, at their own level: only the blocking ones make the run non-conformant. */
  readonly newFailures: readonly ScenarioResult[];
  /** Unexpired entries whose scenarios were judged and none failed: the target now keeps the rule. */
  readonly stale: readonly { readonly entry: Deviation; readonly passed: readonly string[] }[];
  /** Entries past their date; `stillFails` says whether their scenarios still fail (and so count as new). */
  readonly expired: readonly { readonly entry: Deviation; readonly stillFails: boolean }[];
  /** Unexpired entries this run cannot confirm or refute: their scenarios were skipped, not selected or could not be judged. */
  readonly notJudged: readonly Deviation[];
  /** Unexpired entries at least one failing scenario confirmed. */
  readonly matchedEntries: readonly Deviation[];
  /** Exit code 1: a new blocking failure, a stale entry or an expired one. */
  readonly nonConformant: boolean;
}

type EntryState = 'matched' | 'stale' | 'not judged';

/** `today` is the run's date in UTC, YYYY-MM-DD; an entry still excuses failures on its `expires` day. */
export function compareWithBaseline(baseline: Baseline, scenarios: readonly ScenarioResult[], today: string): BaselineVerdict {
  if (!isDate(today)) throw new RangeError(`today must be a date (YYYY-MM-DD), not "${today}"`);
  const isExpired = (entry: Deviation): boolean => entry.expires < today;
  const live = baseline.deviations.filter((entry) => !isExpired(entry));

  const known: KnownFailure[] = [];
  const newFailures: ScenarioResult[] = [];
  for (const scenario of scenarios.filter((s) => s.verdict === 'finding')) {
    const entries = live.filter((entry) => appliesTo(entry, scenario));
    if (entries.length > 0) known.push({ scenario, entries });
    else newFailures.push(scenario);
  }

  const stale: { entry: Deviation; passed: string[] }[] = [];
  const expired: { entry: Deviation; stillFails: boolean }[] = [];
  const notJudged: Deviation[] = [];
  const matchedEntries: Deviation[] = [];
  for (const entry of baseline.deviations) {
    const own = scenarios.filter((scenario) => appliesTo(entry, scenario));
    const state = stateOf(own);
    if (isExpired(entry)) expired.push({ entry, stillFails: state === 'matched' });
    else if (state === 'matched') matchedEntries.push(entry);
    else if (state === 'stale') stale.push({ entry, passed: own.filter((s) => s.verdict === 'passed').map((s) => s.name) });
    else notJudged.push(entry);
  }

  const nonConformant = newFailures.some((s) => s.level === 'blocking') || stale.length > 0 || expired.length > 0;
  return { baseline, known, newFailures, stale, expired, notJudged, matchedEntries, nonConformant };
}

/**
 * A scenario the harness could not judge might be the very one that still fails, so its presence keeps an
 * entry from being called stale: the run says "remove this entry" only when it has seen every case pass.
 */
function stateOf(scenarios: readonly ScenarioResult[]): EntryState {
  if (scenarios.some((s) => s.verdict === 'finding')) return 'matched';
  if (scenarios.some((s) => s.verdict === 'harness' || s.verdict === 'undefined')) return 'not judged';
  return scenarios.some((s) => s.verdict === 'passed') ? 'stale' : 'not judged';
}

function scopeText(scenarios: readonly string[] | undefined): string {
  return scenarios === undefined ? 'every scenario' : scenarios.map((name) => `"${name}"`).join(', ');
}

/** The console's account of the comparison: a summary, then one line per known failure and per entry that needs attention. */
export function renderBaselineLines(verdict: BaselineVerdict): string[] {
  const { baseline, known, newFailures, stale, expired, notJudged } = verdict;
  const ofLevel = (level: string): number => newFailures.filter((s) => s.level === level).length;
  const lines = [
    `baseline ${relative(process.cwd(), baseline.file)} (target ${baseline.target}): ${count(known.length, 'known deviation')}; not in it: ` +
      `${ofLevel('blocking')} failed, ${count(ofLevel('warning'), 'warning')}, ${ofLevel('informational')} optional features absent; ${count(stale.length, 'stale entry', 'stale entries')}, ` +
      `${count(expired.length, 'expired entry', 'expired entries')}, ${notJudged.length} not judged`,
  ];
  for (const { scenario, entries } of known) {
    for (const entry of entries) lines.push(`known deviation: ${entry.requirement} (${scenario.name}) until ${entry.expires}: ${entry.reason}`);
  }
  for (const entry of notJudged) {
    lines.push(`baseline entry not judged: ${entry.requirement} (${scopeText(entry.scenarios)}): its scenarios were skipped, not selected or could not be judged`);
  }
  for (const { entry, passed } of stale) {
    lines.push(
      `STALE baseline entry ${entry.requirement} (${scopeText(entry.scenarios)}): ${passedText(passed)}, ` +
        `the target now keeps the rule; remove the entry from ${baseline.file}`,
    );
  }
  for (const { entry, stillFails } of expired) {
    lines.push(
      `EXPIRED baseline entry ${entry.requirement} (${scopeText(entry.scenarios)}) on ${entry.expires}: ` +
        (stillFails ? 'its failures count as new again; fix the target or renew the entry with fresh evidence' : 'renew it with fresh evidence or remove it') +
        ` (${entry.reason})`,
    );
  }
  return lines;
}

/** A requirement can be cited by dozens of scenarios; a console line names a few at most. */
function passedText(names: readonly string[]): string {
  return names.length <= 3 ? `${scopeText(names)} passed` : `${names.length} of its scenarios passed`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * An entry that names a scenario the suite does not have, or one that does not cite the entry's requirement,
 * can never match: a typo that would keep the entry "not judged" forever, and hide that the rule is kept.
 */
export function checkAgainstSuite(baseline: Baseline, suite: readonly ScenarioCitation[]): void {
  baseline.deviations.forEach((entry, index) => {
    for (const name of entry.scenarios ?? []) {
      const namesakes = suite.filter((scenario) => scenario.name === name);
      if (namesakes.length === 0) {
        throw new BaselineError(`${baseline.file}: deviations[${index}].scenarios: no scenario of the suite is named ${JSON.stringify(name)}`);
      }
      if (!namesakes.some((scenario) => scenario.requirements.some((requirement) => requirement.id === entry.requirement))) {
        throw new BaselineError(`${baseline.file}: deviations[${index}].scenarios: ${JSON.stringify(name)} does not cite ${entry.requirement}`);
      }
    }
  });
}
