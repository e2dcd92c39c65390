import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { buildCoverage, renderHtml, renderMarkdown } from '../../cli/coverage';
import type { ScenarioResult } from '../../cli/run-results';
import { listFeatureFiles, readTraceability } from '../../cli/traceability';
import type { Requirement } from '../../spec/requirements/requirement';

describe('traceability', () => {
  it("every scenario of the project's suites cites at least one requirement, and only known ones", () => {
    const { scenarios, problems } = readTraceability(listFeatureFiles(['client-features']));
    assert.ok(scenarios.length > 0);
    assert.deepEqual(problems, []);
  });

  it('the client suite cites only rules for clients, and the server suite none', () => {
    const { scenarios } = readTraceability(listFeatureFiles(['client-features']));
    const clientSuite = scenarios.filter((scenario) => scenario.uri.startsWith('client-features'));
    assert.ok(clientSuite.length > 0);
    for (const scenario of scenarios) {
      const parties = new Set(scenario.requirements.map((requirement) => requirement.party));
      if (clientSuite.includes(scenario)) assert.deepEqual([...parties], ['client'], scenario.name);
      else assert.ok(!parties.has('client'), scenario.name);
    }
  });

  it('lists only the named files and folders when told not to add the features folder, and never node_modules', () => {
    const named = listFeatureFiles(['features/rfc7009'], null);
    assert.ok(named.length > 0 && named.every((file) => file.startsWith(join('features', 'rfc7009'))));
    assert.ok(listFeatureFiles(['.'], null).every((file) => !file.includes('node_modules')));
  });

  it('names the file, line and scenario that cites an unknown id or none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trace-'));
    mkdirSync(join(dir, 'features'));
    const file = join(dir, 'features', 'x.feature');
    writeFileSync(
      file,
      [
        'Feature: x',
        '',
        '  @req:6749-9.9-no-such-rule',
        '  Scenario: cites a typo',
        '    Then a check',
        '',
        '  Scenario: cites nothing',
        '    Then a check',
        '',
        '  @req:6749-4.1.2-code-single-use',
        '  Scenario: checks nothing',
        '    Given a step',
        '',
      ].join('\n'),
    );
    const { problems } = readTraceability(listFeatureFiles([], join(dir, 'features')));
    const shown = relative(process.cwd(), file);
    assert.deepEqual(problems.map((p) => p.message), [
      `${shown}:4 "cites a typo" cites an unknown requirement @req:6749-9.9-no-such-rule`,
      `${shown}:7 "cites nothing" cites no requirement (tag it @req:<id>)`,
      `${shown}:11 "checks nothing" has no Then step, so it checks nothing`,
    ]);
  });
});

const requirement = (id: string, keyword: Requirement['keyword'], extra: Partial<Requirement> = {}): Requirement => ({
  id,
  source: 'RFC 6749',
  section: '4.1.2',
  keyword,
  party: 'authorization-endpoint',
  observable: 'yes',
  sentences: [],
  summary: `the rule ${id}`,
  ...extra,
});

const result = (name: string, verdict: ScenarioResult['verdict']): ScenarioResult => ({
  name,
  uri: 'f.feature',
  feature: 'F',
  tags: [],
  verdict,
  requirementIds: [],
  level: 'blocking',
  durationMs: 1,
});

describe('coverage', () => {
  const must = requirement('6749-4.1.2-a', 'MUST');
  const should = requirement('6749-4.1.2-b', 'SHOULD');
  const may = requirement('6749-4.1.2-c', 'MAY');
  const uncovered = requirement('6749-4.1.2-d', 'MUST');
  const hidden = requirement('6749-4.1.2-e', 'MUST', { observable: 'no', why: 'internal' });
  const implicit = requirement('6749-4.1.2-f', 'MUST', { needs: 'implicit-grant' });
  const clientRule = requirement('6749-4.1.2-g', 'MUST', { party: 'client' });
  const notRun = requirement('6749-4.1.2-h', 'MUST');
  const cite = (name: string, ...requirements: Requirement[]) => ({ uri: 'f.feature', line: 1, name, tags: [], requirements });

  const coverage = buildCoverage(
    [must, should, may, uncovered, hidden, implicit, clientRule, notRun],
    [cite('s1', must, should), cite('s2', should), cite('s3', may), cite('s4', notRun)],
    [result('s1', 'passed'), result('s2', 'finding'), result('s3', 'finding')],
    { name: 'mock', capabilities: [] },
  );
  const status = (r: Requirement) => coverage.rows.find((row) => row.requirement === r)?.status;

  it('gives each requirement the outcome of the scenarios that cite it, weighed by its keyword', () => {
    assert.equal(status(must), 'passed');
    assert.equal(status(should), 'warning');
    assert.equal(status(may), 'absent');
    assert.equal(status(notRun), 'not run');
  });

  it('tells uncovered, unobservable and not applicable requirements apart', () => {
    assert.equal(status(uncovered), 'not covered');
    assert.equal(status(hidden), 'not observable');
    assert.equal(status(implicit), 'not applicable');
    assert.match(coverage.rows.find((row) => row.requirement === implicit)?.note ?? '', /mock does not offer the implicit grant/);
  });

  it('a finding whose check named one cited requirement breaks that one and leaves the others not judged', () => {
    const named = buildCoverage([must, should], [cite('s5', must, should)], [{ ...result('s5', 'finding'), judged: should.id }], { name: 'mock', capabilities: [] });
    assert.deepEqual(named.rows.map((row) => row.status), ['not judged', 'warning']);
  });

  it("lists only the server's observable, applicable MUSTs without a scenario as uncovered", () => {
    assert.deepEqual(coverage.uncoveredMusts.map((row) => row.requirement.id), ['6749-4.1.2-d']);
  });

  it('renders both reports with the uncovered and not applicable lists, escaping what it quotes', () => {
    const markdown = renderMarkdown(coverage);
    assert.match(markdown, /## Observable MUST-level server requirements without a scenario\n\n- `6749-4\.1\.2-d`/);
    assert.match(markdown, /## Not applicable to mock\n\n- `6749-4\.1\.2-f`: mock does not offer the implicit grant/);
    const page = renderHtml(buildCoverage([requirement('6749-4.1.2-x', 'MUST', { summary: 'a <script> in a summary' })], [], [], { name: 'mock', capabilities: [] }));
    assert.match(page, /a &lt;script&gt; in a summary/);
    assert.match(page, /<h2>Not applicable to mock<\/h2>\n<p>None\.<\/p>/);
  });
});
