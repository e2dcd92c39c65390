/** The flake hunt's comparison of runs, and its command line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../cli/args';
import { findFlakes, parseFlakesArgs } from '../../cli/flakes';
import type { ScenarioResult } from '../../cli/run-results';
import { Redactor } from '../../driver/redaction';

function scenario(name: string, verdict: ScenarioResult['verdict']): ScenarioResult {
  return { name, uri: 'features/x.feature', feature: 'X', tags: [], verdict, requirementIds: [], level: 'blocking', durationMs: 1 };
}

describe('finding flakes', () => {
  it('finds none when every run had the same outcomes', () => {
    const run = [scenario('A', 'passed'), scenario('B', 'finding')];
    assert.deepEqual(findFlakes([run, run, run]), []);
  });

  it('names a scenario whose outcome varied, with the runs that saw each outcome', () => {
    const flakes = findFlakes([[scenario('A', 'passed')], [scenario('A', 'harness')], [scenario('A', 'passed')]]);
    assert.deepEqual(flakes, [{ scenario: 'features/x.feature :: A #1', outcomes: { passed: [1, 3], harness: [2] } }]);
  });

  it('counts a scenario missing from a run as varied', () => {
    assert.equal(findFlakes([[scenario('A', 'passed'), scenario('B', 'passed')], [scenario('A', 'passed')]]).length, 1);
  });
});

describe('the flake hunt command line', () => {
  it('runs 20 times by default and refuses fewer than 2 runs', () => {
    assert.equal(parseFlakesArgs([]).runs, 20);
    assert.equal(parseFlakesArgs(['--runs', '3', '--tags', 'not @browser']).tags, 'not @browser');
    for (const runs of ['1', '0', 'x', '1e3', '1001']) assert.throws(() => parseFlakesArgs(['--runs', runs]), UsageError);
  });
});

describe('a redactor that forgets', () => {
  it('redacts nothing it was told before', () => {
    const redactor = new Redactor();
    redactor.remember('a-secret-value-1234');
    assert.ok(!redactor.redact('x a-secret-value-1234').includes('a-secret-value-1234'));
    redactor.forget();
    assert.deepEqual(redactor.values(), []);
  });
});
