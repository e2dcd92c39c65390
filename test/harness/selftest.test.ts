/** The self-test's judgement of a variant against the reference: caught, survived, or caught for the wrong reason. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeVariant, parseSelftestArgs, provenScenarios, renderMutationReport } from '../../cli/selftest';
import type { ScenarioResult } from '../../cli/run-results';
import { UsageError } from '../../cli/args';
import type { Defect } from '../../mock-server/defect';

const defect: Defect = { id: 'reusable-code', summary: 'a code can be redeemed twice', breaks: ['6749-4.1.2-code-single-use', '6749-10.5-code-single-use'] };

function scenario(name: string, verdict: ScenarioResult['verdict'], requirementIds: string[], level: ScenarioResult['level'] = 'blocking'): ScenarioResult {
  return { name, uri: 'features/x.feature', feature: 'X', tags: [], verdict, requirementIds, level, durationMs: 1 };
}

const reference = [
  scenario('A code can be redeemed only once', 'passed', ['6749-4.1.2-code-single-use', '6749-10.5-code-single-use']),
  scenario('Refresh works', 'passed', ['6749-6-validate-refresh-token']),
  scenario('An optional feature', 'finding', ['6749-3.1-post-optional'], 'informational'),
  scenario('Error descriptions may be given', 'passed', ['6749-5.2-error-description-optional'], 'informational'),
];

describe('judging a variant', () => {
  it('is caught when a scenario citing the broken requirements fails and nothing else moved', () => {
    const verdict = judgeVariant(defect, reference, [{ ...reference[0]!, verdict: 'finding' }, reference[2]!], 1);
    assert.equal(verdict.status, 'caught');
    assert.deepEqual(verdict.reasons, []);
    assert.equal(verdict.moved.length, 1);
  });

  it('survives when no scenario moved', () => {
    assert.equal(judgeVariant(defect, reference, reference, 1).status, 'survived');
    assert.equal(judgeVariant(defect, reference, [], 1).status, 'survived');
  });

  it('is caught for the wrong reason when a scenario citing none of its requirements fails the run', () => {
    const verdict = judgeVariant(defect, reference, [{ ...reference[0]!, verdict: 'finding' }, { ...reference[1]!, verdict: 'finding' }], 1);
    assert.equal(verdict.status, 'wrong reason');
    assert.match(verdict.reasons.join(), /"Refresh works" failed but cites none of 6749-4.1.2-code-single-use/);
  });

  it('is not caught by a scenario that can no longer be judged, even one citing its requirement, and says so', () => {
    const verdict = judgeVariant(defect, reference, [{ ...reference[0]!, verdict: 'harness' }], 1);
    assert.equal(verdict.status, 'not judged');
    assert.match(verdict.reasons.join(), /went from passed to harness: it could not be judged/);
  });

  it('claims no more than it shows: a broken requirement no failing scenario cites is a wrong reason', () => {
    const narrow = [{ ...reference[0]!, requirementIds: ['6749-4.1.2-code-single-use'], verdict: 'finding' as const }];
    const verdict = judgeVariant(defect, [{ ...reference[0]!, requirementIds: ['6749-4.1.2-code-single-use'] }], narrow, 1);
    assert.equal(verdict.status, 'wrong reason');
    assert.deepEqual(verdict.unshown, ['6749-10.5-code-single-use']);
  });

  it('lets a MAY feature go absent as a side effect, shown in the report but not held against the variant', () => {
    const verdict = judgeVariant(defect, reference, [{ ...reference[0]!, verdict: 'finding' }, { ...reference[3]!, verdict: 'finding' }], 1);
    assert.equal(verdict.status, 'caught');
    const report = renderMutationReport([verdict], undefined, reference.length, 2);
    assert.match(report, /Side effects that do not fail a run/);
    assert.match(report, /"Error descriptions may be given" \(passed → finding:informational\)/);
    assert.match(report, /\*\*1 of 1\*\* \(100.0%\)/);
  });

  it('needs a failure at the weight of the strongest broken requirement: a MUST defect caught only by a warning is not caught', () => {
    const warned = judgeVariant(defect, reference, [{ ...reference[0]!, verdict: 'finding', level: 'warning' }], 1);
    assert.equal(warned.status, 'wrong reason');
    assert.match(warned.reasons.join(), /breaks a MUST-level requirement, and no scenario failed at that weight \(finding:warning\)/);
    const should: Defect = { ...defect, breaks: ['6749-10.4-detect-refresh-token-abuse'] };
    const shouldReference = [scenario('Abuse is noticed', 'passed', ['6749-10.4-detect-refresh-token-abuse'], 'warning')];
    assert.equal(judgeVariant(should, shouldReference, [{ ...shouldReference[0]!, verdict: 'finding' }], 1).status, 'caught');
  });

  it('counts the scenarios that caught some variant, an outline once', () => {
    const verdict = judgeVariant(defect, reference, [{ ...reference[0]!, verdict: 'finding' }], 1);
    assert.deepEqual(provenScenarios([...reference, reference[0]!], [verdict]), { proven: 1, scenarios: 4 });
  });

  it('tells apart the occurrences of a name an outline repeats', () => {
    const twice = [scenario('Row', 'passed', ['6749-4.1.2-code-single-use']), scenario('Row', 'passed', ['6749-10.5-code-single-use'])];
    const verdict = judgeVariant(defect, twice, [twice[0]!, { ...twice[1]!, verdict: 'finding' }], 1);
    assert.equal(verdict.moved.length, 1);
    assert.deepEqual(verdict.unshown, ['6749-4.1.2-code-single-use']);
  });
});

describe('the self-test command line', () => {
  it('runs every variant and the stock library by default', () => {
    const options = parseSelftestArgs([]);
    assert.ok(options.defects.length >= 25);
    assert.equal(options.stock, true);
  });

  it('selects variants by id and refuses an unknown one', () => {
    assert.deepEqual(parseSelftestArgs(['--defect', 'reusable-code', '--no-stock']).defects.map((d) => d.id), ['reusable-code']);
    assert.throws(() => parseSelftestArgs(['--defect', 'nope']), (error: unknown) => error instanceof UsageError && /unknown defect "nope"/.test(error.message));
    assert.throws(() => parseSelftestArgs(['--frobnicate']), UsageError);
  });
});
