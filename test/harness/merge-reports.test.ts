import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateMessages } from '@cucumber/gherkin';
import { type Envelope, IdGenerator, SourceMediaType } from '@cucumber/messages';
import { mergeEnvelopes } from '../../cli/merge-reports';

const FEATURE = `@spec
Feature: F
  Background:
    Given a start

  @a
  Scenario: one
    When it runs
    Then it passes

  Scenario Outline: <n>
    When <n> runs
    Examples:
      | n     |
      | two   |
      | three |
`;

/** One part's messages for the file: every part parses it afresh, with ids of its own, and keeps its own pickles. */
function part(keep: readonly string[], runId: string, at: number, success: boolean): Envelope[] {
  const parsed = generateMessages(FEATURE, 'features/f.feature', SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
    includeSource: true,
    includeGherkinDocument: true,
    includePickles: true,
    newId: IdGenerator.uuid(),
  });
  const timestamp = { seconds: at, nanos: 0 };
  return [
    { meta: { protocolVersion: 'x', implementation: { name: 'cucumber-js' }, runtime: { name: 'node' }, os: { name: 'linux' }, cpu: { name: 'x64' } } },
    // Cucumber lists every scenario of a file it loads, also those of other parts; only its own get test cases.
    ...parsed,
    { stepDefinition: { id: `${runId}-step`, pattern: { source: 'it runs', type: 'CUCUMBER_EXPRESSION' }, sourceReference: { uri: 'steps/x.ts', location: { line: 3 } } } },
    { testRunStarted: { timestamp, id: runId } },
    ...parsed.flatMap((envelope) =>
      envelope.pickle !== undefined && keep.includes(envelope.pickle.name)
        ? [{ testCase: { id: `${runId}-${envelope.pickle.name}`, pickleId: envelope.pickle.id, testSteps: [{ id: `${runId}-${envelope.pickle.name}-1`, pickleStepId: envelope.pickle.steps[0]?.id ?? '', stepDefinitionIds: [`${runId}-step`], stepMatchArgumentsLists: [] }], testRunStartedId: runId } }]
        : [],
    ),
    { testRunFinished: { timestamp: { seconds: at + 1, nanos: 0 }, success, testRunStartedId: runId } },
  ] as Envelope[];
}

describe('merging the parts of a sharded run', () => {
  const merged = mergeEnvelopes([part(['one'], 'run-1', 10, true), part(['two', 'three'], 'run-2', 5, false)]);

  it('keeps one meta, one source and one document per feature file, and one test run around all', () => {
    assert.equal(merged.filter((e) => e.meta !== undefined).length, 1);
    assert.equal(merged.filter((e) => e.source !== undefined).length, 1);
    assert.equal(merged.filter((e) => e.gherkinDocument !== undefined).length, 1);
    const started = merged.filter((e) => e.testRunStarted !== undefined);
    const finished = merged.filter((e) => e.testRunFinished !== undefined);
    assert.equal(started.length, 1);
    assert.equal(finished.length, 1);
    assert.equal(started[0]?.testRunStarted?.timestamp.seconds, 5, 'the earliest start');
    assert.equal(finished[0]?.testRunFinished?.timestamp.seconds, 11, 'the latest finish');
    assert.equal(finished[0]?.testRunFinished?.success, false, 'a part that failed makes the run fail');
    assert.equal(finished[0]?.testRunFinished?.testRunStartedId, started[0]?.testRunStarted?.id);
  });

  it('keeps only the scenarios that ran, and each step definition once, with every step pointing at it', () => {
    assert.equal(merged.filter((e) => e.pickle !== undefined).length, 3);
    const definitions = merged.flatMap((e) => (e.stepDefinition === undefined ? [] : [e.stepDefinition.id]));
    assert.deepEqual(definitions, ['run-1-step']);
    const used = merged.flatMap((e) => e.testCase?.testSteps.flatMap((step) => step.stepDefinitionIds ?? []) ?? []);
    assert.deepEqual([...new Set(used)], ['run-1-step']);
    assert.ok(merged.filter((e) => e.testCase !== undefined).every((e) => e.testCase?.testRunStartedId === 'run-1'));
  });

  it("points every pickle, the second part's too, at nodes of the one document kept", () => {
    const document = merged.find((e) => e.gherkinDocument !== undefined)?.gherkinDocument;
    const ids = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') for (const [key, value] of Object.entries(node)) key === 'id' && typeof value === 'string' ? ids.add(value) : collect(value);
    };
    collect(document);
    const pickles = merged.flatMap((e) => (e.pickle === undefined ? [] : [e.pickle]));
    assert.deepEqual(pickles.map((p) => p.name).sort(), ['one', 'three', 'two']);
    for (const pickle of pickles) {
      for (const id of [...pickle.astNodeIds, ...pickle.steps.flatMap((step) => step.astNodeIds), ...pickle.tags.map((tag) => tag.astNodeId)]) {
        assert.ok(ids.has(id), `${pickle.name}: ${id} is not a node of the kept document`);
      }
    }
  });
});
