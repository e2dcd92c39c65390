import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { junitKey, nonBlockingFindings, rewriteJUnit } from '../../cli/junit';
import type { ScenarioResult } from '../../cli/run-results';

const report = `<?xml version="1.0"?>
<testsuite name="s" time="1" tests="4" skipped="0" failures="6" errors="0" timestamp="t">
  <testcase classname="F" name="finding" time="0.1">
    <failure type="ConformanceFailure" message="RFC 6749 §5.2: expected x"><![CDATA[stack one]]></failure>
  </testcase>
  <testcase classname="F" name="unreachable" time="0.1">
    <failure type="HarnessError" message="could not connect"><![CDATA[stack two]]></failure>
  </testcase>
  <testcase classname="F" name="undefined step" time="0.1">
    <failure/>
  </testcase>
  <testcase classname="F" name="should &quot;rule&quot;" time="0.1">
    <failure type="ConformanceFailure" message="RFC 6750 §2.3: expected private"><![CDATA[stack three]]></failure>
  </testcase>
  <testcase classname="F" name="may rule" time="0.1">
    <failure type="ConformanceFailure" message="RFC 6749 §6: expected refusal"/>
  </testcase>
  <testcase classname="G" name="may rule" time="0.1">
    <failure type="ConformanceFailure" message="RFC 6749 §5.1: expected no-store"/>
  </testcase>
  <testcase classname="F" name="passed" time="0.1"/>
</testsuite>`;

describe('rewriteJUnit', () => {
  const xml = rewriteJUnit(
    report,
    new Map([
      [junitKey('F', 'should "rule"'), 'warning'],
      [junitKey('F', 'may rule'), 'informational'],
      [junitKey('F', 'unreachable'), 'warning'],
    ]),
  );

  it('keeps conformance findings as failures', () => {
    assert.match(xml, /<failure type="ConformanceFailure" message="RFC 6749 §5\.2: expected x"><!\[CDATA\[stack one\]\]><\/failure>/);
  });

  it('turns harness failures and undefined steps into errors, body and all', () => {
    assert.match(xml, /<error type="HarnessError" message="could not connect"><!\[CDATA\[stack two\]\]><\/error>/);
    assert.match(xml, /<error\/>/);
  });

  it('turns SHOULD- and MAY-level findings into skipped cases that say their weight, and leaves harness errors errors', () => {
    assert.match(xml, /<skipped message="warning \(SHOULD-level, not blocking\): RFC 6750 §2\.3: expected private"\/>/);
    assert.match(xml, /<skipped message="optional feature absent \(MAY-level, informational\): RFC 6749 §6: expected refusal"\/>/);
    assert.doesNotMatch(xml, /stack three/);
  });

  it('tells two scenarios of one name apart by their feature', () => {
    assert.match(xml, /<testcase classname="G" name="may rule" time="0.1">\n {4}<failure type="ConformanceFailure"/);
  });

  it('recounts the suite', () => {
    assert.match(xml, /tests="4" skipped="2" failures="2" errors="2"/);
  });
});

describe('nonBlockingFindings', () => {
  const result = (feature: string, name: string, verdict: ScenarioResult['verdict'], level: ScenarioResult['level']): ScenarioResult => ({
    name,
    uri: `${feature}.feature`,
    feature,
    tags: [],
    verdict,
    requirementIds: [],
    level,
    durationMs: 1,
  });

  it('softens SHOULD and MAY findings, never a blocking one or a pass', () => {
    const found = nonBlockingFindings([
      result('F', 'a', 'finding', 'warning'),
      result('F', 'b', 'finding', 'informational'),
      result('F', 'c', 'finding', 'blocking'),
      result('F', 'd', 'passed', 'warning'),
    ]);
    assert.deepEqual([...found], [[junitKey('F', 'a'), 'warning'], [junitKey('F', 'b'), 'informational']]);
  });

  it('leaves namesakes JUnit cannot tell apart alone when one of them blocks', () => {
    const found = nonBlockingFindings([result('F', 'same', 'finding', 'informational'), result('F', 'same', 'finding', 'blocking')]);
    assert.equal(found.size, 0);
  });
});

describe('known deviations in JUnit', () => {
  it('a finding the baseline lists becomes <skipped> with the reason, whatever its level', () => {
    const known: ScenarioResult = { name: 'finding', uri: 'f.feature', feature: 'F', tags: [], verdict: 'finding', requirementIds: [], level: 'blocking', durationMs: 1 };
    const other: ScenarioResult = { ...known, name: 'passed', verdict: 'passed' };
    const findings = nonBlockingFindings([known, other], new Set([known]));
    assert.deepEqual([...findings], [[junitKey('F', 'finding'), 'known']]);
    assert.match(rewriteJUnit(report, findings), /<skipped message="known deviation \(listed in the baseline, not blocking\): RFC 6749 §5\.2: expected x"\/>/);
  });
});
