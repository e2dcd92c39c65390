import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BaselineError, compareWithBaseline, loadBaseline, parseBaseline, renderBaselineLines } from '../../cli/baseline';
import type { ScenarioResult, ScenarioVerdict } from '../../cli/run-results';
import { HarnessError } from '../../driver/errors';
import type { RequirementLevel } from '../../spec/requirements/requirement';

const MUST = '6749-4.1.2-code-single-use';
const SHOULD = '6749-4.1.2-revoke-on-code-reuse';
const VENDOR = 'rc-public-app-no-password-flow';

const entry = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  requirement: MUST,
  reason: 'the target lets a code be redeemed twice',
  source: 'https://example.com/issues/1',
  expires: '2027-06-30',
  ...fields,
});

const text = (deviations: unknown[], top: Record<string, unknown> = {}): string => JSON.stringify({ target: 'ringcentral', deviations, ...top });

const baselineOf = (...deviations: Record<string, unknown>[]) => parseBaseline(text(deviations), 'baselines/rc.json');

function scenario(name: string, verdict: ScenarioVerdict, requirementIds: readonly string[] = [MUST], level: RequirementLevel = 'blocking'): ScenarioResult {
  return { name, uri: 'features/x.feature', feature: 'X', tags: [], verdict, requirementIds, level, durationMs: 1 };
}

/** Asserts that parsing fails with a BaselineError whose one line names the file and matches `message`. */
function rejects(source: string, message: RegExp): void {
  assert.throws(
    () => parseBaseline(source, 'baselines/rc.json'),
    (error: unknown) => {
      assert.ok(error instanceof BaselineError && error instanceof HarnessError, `not a BaselineError: ${String(error)}`);
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /^baselines\/rc\.json: /);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('parseBaseline', () => {
  it('reads the target and its entries, a scenario list only where one is given', () => {
    const baseline = baselineOf(entry(), entry({ requirement: SHOULD, scenarios: ['a', 'b'] }));
    assert.equal(baseline.target, 'ringcentral');
    assert.equal(baseline.file, 'baselines/rc.json');
    assert.deepEqual(baseline.deviations[0], entry());
    assert.deepEqual(baseline.deviations[1]?.scenarios, ['a', 'b']);
    assert.deepEqual(parseBaseline(text([]), 'x').deviations, []);
  });

  it('refuses what is not JSON, or not an object with a target and a list of deviations', () => {
    rejects('{"target": "rc",', /^baselines\/rc\.json: not valid JSON/);
    rejects('[]', /^baselines\/rc\.json: must be an object with target, deviations$/);
    rejects(JSON.stringify({ deviations: [] }), /: target: missing$/);
    rejects(JSON.stringify({ target: 7, deviations: [] }), /: target: must be a string, not 7$/);
    rejects(JSON.stringify({ target: ' ', deviations: [] }), /: target: must not be empty$/);
    rejects(JSON.stringify({ target: 'rc' }), /: deviations: missing$/);
    rejects(JSON.stringify({ target: 'rc', deviations: {} }), /: deviations: must be a list$/);
    rejects(text(['x']), /: deviations\[0\]: must be an object with requirement, reason, source, expires, scenarios$/);
  });

  it('names each missing or mistyped field by its place in the file', () => {
    for (const field of ['requirement', 'reason', 'source', 'expires'] as const) {
      rejects(text([entry(), entry({ requirement: SHOULD, [field]: undefined })]), new RegExp(`: deviations\\[1\\]\\.${field}: missing$`));
      rejects(text([entry({ [field]: 20270630 })]), new RegExp(`: deviations\\[0\\]\\.${field}: must be a string, not 20270630$`));
      rejects(text([entry({ [field]: '' })]), new RegExp(`: deviations\\[0\\]\\.${field}: must not be empty$`));
    }
  });

  it('refuses unknown fields, which would otherwise widen the baseline unseen', () => {
    rejects(text([entry({ scenario: ['a'] })]), /: deviations\[0\]\.scenario: unknown field \(the fields are requirement, reason, source, expires, scenarios\)$/);
    rejects(text([], { comment: 'x' }), /: comment: unknown field \(the fields are target, deviations\)$/);
  });

  it('accepts only catalog ids, http(s) links and real calendar dates', () => {
    rejects(text([entry({ requirement: '6749-4.1.2-code-single-us' })]), /: deviations\[0\]\.requirement: "6749-4\.1\.2-code-single-us" is not a requirement of the catalog/);
    for (const source of ['example.com/issue', 'ftp://example.com/x', 'mailto:a@example.com', 'https://']) {
      rejects(text([entry({ source })]), /: deviations\[0\]\.source: .* is not an http\(s\) URL$/);
    }
    assert.equal(baselineOf(entry({ source: 'http://example.com' })).deviations[0]?.source, 'http://example.com');
    rejects(text([entry(), entry(), entry(), entry({ requirement: VENDOR, expires: '2027-13-01' })]), /^baselines\/rc\.json: deviations\[3\]\.expires: "2027-13-01" is not a date \(YYYY-MM-DD\)$/);
    for (const expires of ['2027-02-29', '2027-6-30', '30.06.2027', '2027-06-30T00:00:00Z']) {
      rejects(text([entry({ expires })]), /: deviations\[0\]\.expires: .* is not a date \(YYYY-MM-DD\)$/);
    }
    assert.equal(baselineOf(entry({ expires: '2028-02-29' })).deviations[0]?.expires, '2028-02-29');
  });

  it('wants a scenario list to be a non-empty list of distinct names', () => {
    rejects(text([entry({ scenarios: [] })]), /: deviations\[0\]\.scenarios: must be a non-empty list of scenario names, or left out$/);
    rejects(text([entry({ scenarios: 'a' })]), /: deviations\[0\]\.scenarios: must be a non-empty list/);
    rejects(text([entry({ scenarios: ['a', 3] })]), /: deviations\[0\]\.scenarios\[1\]: must be a scenario name$/);
    rejects(text([entry({ scenarios: ['a', ' '] })]), /: deviations\[0\]\.scenarios\[1\]: must be a scenario name$/);
    rejects(text([entry({ scenarios: ['a', 'b', 'a'] })]), /: deviations\[0\]\.scenarios\[2\]: "a" is listed twice$/);
  });

  it('refuses two entries that would both excuse one requirement in one scenario', () => {
    rejects(text([entry(), entry({ reason: 'again' })]), /: deviations\[1\]: 6749-4\.1\.2-code-single-use is already excused for every scenario by deviations\[0\]$/);
    rejects(text([entry({ scenarios: ['a', 'b'] }), entry({ scenarios: ['b', 'a'] })]), /: deviations\[1\]: .* already excused for "a", "b" by deviations\[0\]$/);
    rejects(text([entry({ scenarios: ['a', 'b'] }), entry({ scenarios: ['c', 'b'] })]), /: deviations\[1\]: .* already excused for "b" by deviations\[0\]$/);
    rejects(text([entry({ scenarios: ['a'] }), entry()]), /: deviations\[1\]: .* already excused for "a" by deviations\[0\]$/);
    assert.equal(baselineOf(entry({ scenarios: ['a'] }), entry({ scenarios: ['b'] }), entry({ requirement: SHOULD })).deviations.length, 3);
  });
});

describe('loadBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file and names it in every problem', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, text([entry()]));
    assert.equal(loadBaseline(good).file, good);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, text([entry({ expires: '2027-06-31' })]));
    assert.throws(() => loadBaseline(bad), (error: unknown) => error instanceof BaselineError && error.message === `${bad}: deviations[0].expires: "2027-06-31" is not a date (YYYY-MM-DD)`);
    const missing = join(dir, 'missing.json');
    assert.throws(() => loadBaseline(missing), (error: unknown) => error instanceof BaselineError && error.message === `${missing}: cannot read the baseline (ENOENT)`);
  });
});

describe('compareWithBaseline', () => {
  const today = '2027-01-15';

  it('counts a finding that no entry excuses as new, blocking at its own level only', () => {
    const baseline = baselineOf(entry({ requirement: VENDOR }));
    const verdict = compareWithBaseline(baseline, [scenario('code reuse', 'finding'), scenario('reuse revokes', 'finding', [SHOULD], 'warning')], today);
    assert.deepEqual(verdict.newFailures.map((s) => s.name), ['code reuse', 'reuse revokes']);
    assert.deepEqual(verdict.known, []);
    assert.equal(verdict.nonConformant, true);
    const warningOnly = compareWithBaseline(baseline, [scenario('reuse revokes', 'finding', [SHOULD], 'warning')], today);
    assert.equal(warningOnly.nonConformant, false);
  });

  it('reports a finding an entry excuses as known, without blocking', () => {
    const baseline = baselineOf(entry());
    const failing = scenario('code reuse', 'finding', [MUST, SHOULD]);
    const verdict = compareWithBaseline(baseline, [failing, scenario('other', 'passed', [SHOULD])], today);
    assert.deepEqual(verdict.known, [{ scenario: failing, entries: [baseline.deviations[0]] }]);
    assert.deepEqual(verdict.newFailures, []);
    assert.deepEqual(verdict.matchedEntries, baseline.deviations);
    assert.deepEqual([verdict.stale, verdict.expired, verdict.notJudged], [[], [], []]);
    assert.equal(verdict.nonConformant, false);
    assert.ok(renderBaselineLines(verdict).includes(`known deviation: ${MUST} (code reuse) until 2027-06-30: the target lets a code be redeemed twice`));
  });

  it('calls an entry stale when its scenarios were judged and none failed', () => {
    const baseline = baselineOf(entry());
    const verdict = compareWithBaseline(baseline, [scenario('code reuse', 'passed'), scenario('public app', 'skipped')], today);
    assert.deepEqual(verdict.stale, [{ entry: baseline.deviations[0], passed: ['code reuse'] }]);
    assert.deepEqual(verdict.matchedEntries, []);
    assert.equal(verdict.nonConformant, true);
    assert.match(renderBaselineLines(verdict).join('\n'), /^STALE baseline entry 6749-4\.1\.2-code-single-use \(every scenario\): "code reuse" passed, .*remove the entry from baselines\/rc\.json$/m);
  });

  it('does not call an entry stale while one of its scenarios could not be judged', () => {
    const baseline = baselineOf(entry());
    const verdict = compareWithBaseline(baseline, [scenario('code reuse', 'passed'), scenario('code reuse twice', 'harness')], today);
    assert.deepEqual(verdict.stale, []);
    assert.deepEqual(verdict.notJudged, baseline.deviations);
    assert.equal(verdict.nonConformant, false);
  });

  it('leaves an entry none of whose scenarios was judged neither stale nor matched', () => {
    const baseline = baselineOf(entry(), entry({ requirement: VENDOR }));
    const verdict = compareWithBaseline(baseline, [scenario('code reuse', 'skipped'), scenario('unrelated', 'passed', [SHOULD], 'warning')], today);
    assert.deepEqual(verdict.notJudged, baseline.deviations);
    assert.deepEqual([verdict.stale, verdict.matchedEntries, verdict.known], [[], [], []]);
    assert.equal(verdict.nonConformant, false);
    assert.match(renderBaselineLines(verdict).join('\n'), /^baseline entry not judged: rc-public-app-no-password-flow \(every scenario\)/m);
  });

  it('reports an expired entry, which excuses nothing any more', () => {
    const baseline = baselineOf(entry({ expires: '2027-01-14' }), entry({ requirement: VENDOR, expires: '2027-01-14' }));
    const failing = scenario('public app', 'finding', [VENDOR]);
    const verdict = compareWithBaseline(baseline, [scenario('code reuse', 'passed'), failing], today);
    assert.deepEqual(verdict.expired, [
      { entry: baseline.deviations[0], stillFails: false },
      { entry: baseline.deviations[1], stillFails: true },
    ]);
    assert.deepEqual(verdict.newFailures, [failing]);
    assert.deepEqual([verdict.known, verdict.stale, verdict.matchedEntries], [[], [], []]);
    assert.equal(verdict.nonConformant, true);
    const lines = renderBaselineLines(verdict).join('\n');
    assert.match(lines, /^EXPIRED baseline entry 6749-4\.1\.2-code-single-use \(every scenario\) on 2027-01-14: renew it with fresh evidence or remove it/m);
    assert.match(lines, /^EXPIRED baseline entry rc-public-app-no-password-flow \(every scenario\) on 2027-01-14: its failures count as new again/m);
  });

  it('still excuses a failure on the day the entry expires', () => {
    const verdict = compareWithBaseline(baselineOf(entry({ expires: today })), [scenario('code reuse', 'finding')], today);
    assert.equal(verdict.known.length, 1);
    assert.equal(verdict.nonConformant, false);
  });

  it('limits an entry with a scenario list to the scenarios it names', () => {
    const baseline = baselineOf(entry({ scenarios: ['code reuse'] }));
    const listed = scenario('code reuse', 'finding');
    const unlisted = scenario('code reuse after expiry', 'finding');
    const verdict = compareWithBaseline(baseline, [listed, unlisted], today);
    assert.deepEqual(verdict.known.map((k) => k.scenario), [listed]);
    assert.deepEqual(verdict.newFailures, [unlisted]);
    assert.equal(verdict.nonConformant, true);
    const fixed = compareWithBaseline(baseline, [scenario('code reuse', 'passed'), unlisted], today);
    assert.deepEqual(fixed.stale.map((s) => s.passed), [['code reuse']]);
    const otherOnly = compareWithBaseline(baseline, [scenario('code reuse after expiry', 'passed')], today);
    assert.deepEqual(otherOnly.notJudged, baseline.deviations);
  });

  it('sums the comparison up in its first line and wants a real date for today', () => {
    const verdict = compareWithBaseline(baselineOf(entry()), [scenario('code reuse', 'finding')], today);
    assert.equal(
      renderBaselineLines(verdict)[0],
      'baseline baselines/rc.json (target ringcentral): 1 known deviation; not in it: 0 failed, 0 warnings, 0 optional features absent; 0 stale entries, 0 expired entries, 0 not judged',
    );
    assert.throws(() => compareWithBaseline(baselineOf(), [], '2027-01-15T10:00:00Z'), RangeError);
  });
});
