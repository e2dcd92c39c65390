/**
 * Cucumber's JUnit formatter reports every failed scenario as a <failure>. The rewrite makes the file say
 * what the exit code says:
 * - a failure is a failed check and an error is trouble running the test, which is exactly the line between
 *   a finding and "could not judge": scenarios that failed for any reason but a ConformanceFailure become <error>;
 * - a finding against a SHOULD or MAY requirement does not block, so it becomes <skipped> with its weight
 *   in the message: dashboards show it without failing the build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FINDING_EXCEPTION_TYPES } from '../driver/errors';
import type { RequirementLevel } from '../spec/requirements/requirement';
import type { ScenarioResult } from './run-results';

const FAILURE_ELEMENT = /<failure( type="([^"]*)")?([^>]*?)(\/>|>([\s\S]*?)<\/failure>)/g;
const TESTCASE = /<testcase\b[^>]*\bclassname="([^"]*)"[^>]*\bname="([^"]*)"[^>]*>[\s\S]*?<\/testcase>/g;

/** Why a failed check does not block: its level, or an entry of the baseline that lists it. */
export type NonBlocking = Exclude<RequirementLevel, 'blocking'> | 'known';

const NON_BLOCKING_WORDS: Record<NonBlocking, string> = {
  warning: 'warning (SHOULD-level, not blocking)',
  informational: 'optional feature absent (MAY-level, informational)',
  known: 'known deviation (listed in the baseline, not blocking)',
};

/** Non-blocking findings by `junitKey(feature, scenario)`: JUnit names a test case by both. */
export type NonBlockingFindings = ReadonlyMap<string, NonBlocking>;

export function junitKey(feature: string, scenario: string): string {
  return `${feature}\n${scenario}`;
}

/**
 * The SHOULD- and MAY-level findings by JUnit's name for them. Two test cases that JUnit cannot tell apart
 * (same feature title, same scenario name) stay as Cucumber wrote them unless both are non-blocking alike:
 * a blocking failure must never be softened by a namesake.
 */
export function nonBlockingFindings(scenarios: readonly ScenarioResult[], known: ReadonlySet<ScenarioResult> = new Set()): NonBlockingFindings {
  const byKey = new Map<string, ScenarioResult[]>();
  for (const scenario of scenarios) {
    const key = junitKey(scenario.feature, scenario.name);
    byKey.set(key, [...(byKey.get(key) ?? []), scenario]);
  }
  const softened = new Map<string, NonBlocking>();
  const weightOf = (scenario: ScenarioResult): NonBlocking | 'blocking' => (known.has(scenario) ? 'known' : scenario.level);
  for (const [key, namesakes] of byKey) {
    const [first] = namesakes;
    const weight = first === undefined ? 'blocking' : weightOf(first);
    if (first === undefined || first.verdict !== 'finding' || weight === 'blocking') continue;
    if (namesakes.every((s) => s.verdict === 'finding' && weightOf(s) === weight)) softened.set(key, weight);
  }
  return softened;
}

export function rewriteJUnit(xml: string, nonBlocking: NonBlockingFindings = new Map()): string {
  const softened = xml.replace(TESTCASE, (testcase: string, escapedClass: string, escapedName: string) => {
    const level = nonBlocking.get(junitKey(unescapeXml(escapedClass), unescapeXml(escapedName)));
    if (level === undefined) return testcase;
    return testcase.replace(FAILURE_ELEMENT, (element: string, _typeAttribute, type: string | undefined, rest: string) => {
      if (type === undefined || !FINDING_EXCEPTION_TYPES.includes(type)) return element;
      const message = /message="([^"]*)"/.exec(rest)?.[1] ?? '';
      return `<skipped message="${NON_BLOCKING_WORDS[level]}: ${message}"/>`;
    });
  });
  const rewritten = softened.replace(FAILURE_ELEMENT, (element: string, typeAttribute: string | undefined, type: string | undefined, rest: string, end: string, body: string | undefined) => {
    if (type !== undefined && FINDING_EXCEPTION_TYPES.includes(type)) return element;
    return end === '/>' ? `<error${typeAttribute ?? ''}${rest}/>` : `<error${typeAttribute ?? ''}${rest}>${body ?? ''}</error>`;
  });
  const failures = count(rewritten, /<failure[\s/>]/g);
  const errors = count(rewritten, /<error[\s/>]/g);
  const skipped = count(rewritten, /<skipped[\s/>]/g);
  return rewritten.replace(
    /(<testsuite\b[^>]*?) skipped="\d+" failures="\d+" errors="\d+"/,
    `$1 skipped="${skipped}" failures="${failures}" errors="${errors}"`,
  );
}

export function rewriteJUnitFile(path: string, nonBlocking?: NonBlockingFindings): void {
  writeFileSync(path, rewriteJUnit(readFileSync(path, 'utf8'), nonBlocking));
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
