/**
 * The requirement coverage matrix of a run: for every catalog entry, the scenarios that prove it and how
 * they fared against the target, and the observable MUST-level server rules that no scenario proves yet.
 */
import { CAPABILITIES, type Capability, levelOf, type Requirement, SERVER_PARTIES } from '../spec/requirements/requirement';
import type { ScenarioResult, ScenarioVerdict } from './run-results';
import type { ScenarioCitation } from './traceability';

export type RequirementStatus =
  | 'passed'
  /** A MAY-level feature the target showed it has. */
  | 'present'
  | 'failed'
  | 'warning'
  | 'absent'
  | 'not judged'
  | 'skipped'
  | 'not run'
  | 'not covered'
  | 'not observable'
  | 'not applicable';

export interface CoverageRow {
  readonly requirement: Requirement;
  readonly scenarios: readonly {
    readonly name: string;
    readonly uri: string;
    readonly verdict?: ScenarioVerdict;
    /** The scenario failed on a check of another of the requirements it cites, before it reached this one's. */
    readonly stoppedEarlier?: boolean;
  }[];
  readonly status: RequirementStatus;
  /** Why a requirement is not applicable, or why it cannot be observed. */
  readonly note?: string;
}

export interface Coverage {
  readonly target: string;
  readonly rows: readonly CoverageRow[];
  /** Observable (fully or partly) MUST-level rules of the server's endpoints that no scenario cites. */
  readonly uncoveredMusts: readonly CoverageRow[];
}

export interface CoverageTarget {
  readonly name: string;
  readonly capabilities: readonly Capability[];
}

const scenarioKey = (uri: string, name: string): string => `${uri}\n${name}`;

export function buildCoverage(
  requirements: readonly Requirement[],
  citations: readonly ScenarioCitation[],
  results: readonly ScenarioResult[],
  target: CoverageTarget,
): Coverage {
  const resultByScenario = new Map(results.map((result) => [scenarioKey(result.uri, result.name), result]));
  const rows = requirements.map((requirement): CoverageRow => {
    const scenarios = citations
      .filter((citation) => citation.requirements.includes(requirement))
      .map((citation) => {
        const result = resultByScenario.get(scenarioKey(citation.uri, citation.name));
        // A check that named the one requirement it broke leaves the scenario's other citations unjudged, not broken.
        const stoppedEarlier = result?.verdict === 'finding' && result.judged !== undefined && result.judged !== requirement.id;
        const verdict = stoppedEarlier ? 'harness' : result?.verdict;
        return { name: citation.name, uri: citation.uri, ...(verdict === undefined ? {} : { verdict }), ...(stoppedEarlier ? { stoppedEarlier } : {}) };
      });
    if (requirement.needs !== undefined && !target.capabilities.includes(requirement.needs)) {
      return { requirement, scenarios, status: 'not applicable', note: `${target.name} does not offer ${CAPABILITIES[requirement.needs]}` };
    }
    if (scenarios.length === 0) {
      return requirement.observable === 'no'
        ? { requirement, scenarios, status: 'not observable', note: requirement.why ?? '' }
        : { requirement, scenarios, status: 'not covered' };
    }
    return { requirement, scenarios, status: statusOf(requirement, scenarios.map((s) => s.verdict)) };
  });
  const uncoveredMusts = rows.filter(
    (row) => row.status === 'not covered' && levelOf(row.requirement.keyword) === 'blocking' && SERVER_PARTIES.includes(row.requirement.party),
  );
  return { target: target.name, rows, uncoveredMusts };
}

/** A scenario's outcome in the matrix, in words. */
function verdictWords(scenario: CoverageRow['scenarios'][number]): string {
  if (scenario.stoppedEarlier === true) return 'stopped at a check of another requirement';
  return { passed: 'passed', finding: 'finding', skipped: 'skipped', harness: 'could not judge', undefined: 'undefined step' }[scenario.verdict ?? 'undefined'];
}

function statusOf(requirement: Requirement, verdicts: readonly (ScenarioVerdict | undefined)[]): RequirementStatus {
  const ran = verdicts.filter((v): v is ScenarioVerdict => v !== undefined);
  if (ran.length === 0) return 'not run';
  if (ran.includes('finding')) {
    return { blocking: 'failed', warning: 'warning', informational: 'absent' }[levelOf(requirement.keyword)] as RequirementStatus;
  }
  if (ran.includes('harness') || ran.includes('undefined')) return 'not judged';
  if (ran.every((v) => v === 'skipped')) return 'skipped';
  return levelOf(requirement.keyword) === 'informational' ? 'present' : 'passed';
}

/** The observable MUST-level server rules this run reached, by outcome. */
export function mustsJudged(coverage: Coverage): { passed: number; failed: number } {
  const rows = coverage.rows.filter(
    (row) => levelOf(row.requirement.keyword) === 'blocking' && SERVER_PARTIES.includes(row.requirement.party) && row.requirement.observable !== 'no',
  );
  return { passed: rows.filter((row) => row.status === 'passed').length, failed: rows.filter((row) => row.status === 'failed').length };
}

/** The client-side rules with a scenario in the suite, and how this run judged them (the client-conformance suite). */
export function clientRulesJudged(coverage: Coverage): { observable: number; covered: number; passed: number; failed: number; warnings: number } {
  const rows = coverage.rows.filter((row) => row.requirement.party === 'client' && row.requirement.observable !== 'no');
  const count = (status: RequirementStatus): number => rows.filter((row) => row.status === status).length;
  return { observable: rows.length, covered: rows.filter((row) => row.scenarios.length > 0).length, passed: count('passed'), failed: count('failed'), warnings: count('warning') };
}

interface Tally {
  readonly label: string;
  readonly total: number;
  readonly observable: number;
  readonly covered: number;
}

/** Per source and for the server's observable MUSTs: how much of what can be checked has a scenario. */
export function tallies(coverage: Coverage): Tally[] {
  const applicable = coverage.rows.filter((row) => row.status !== 'not applicable');
  const tally = (label: string, rows: readonly CoverageRow[]): Tally => {
    const observable = rows.filter((row) => row.requirement.observable !== 'no');
    return { label, total: rows.length, observable: observable.length, covered: observable.filter((row) => row.scenarios.length > 0).length };
  };
  const sources = [...new Set(applicable.map((row) => row.requirement.source))];
  const clientRows = applicable.filter((row) => row.requirement.party === 'client');
  return [
    ...sources.map((source) => tally(source, applicable.filter((row) => row.requirement.source === source))),
    tally(
      'MUST-level rules of the server',
      applicable.filter((row) => levelOf(row.requirement.keyword) === 'blocking' && SERVER_PARTIES.includes(row.requirement.party)),
    ),
    // Only where the client suite was read: a server run says nothing about clients.
    ...(clientRows.some((row) => row.scenarios.length > 0) ? [tally('rules of the client (the client suite)', clientRows)] : []),
    tally('all', applicable),
  ];
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '100%' : `${((100 * part) / whole).toFixed(1)}%`;
}

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(coverage: Coverage): string {
  const out: string[] = [`# Requirement coverage: target ${coverage.target}`, ''];
  out.push('| requirements | total | observable | with a scenario | coverage |', '|---|---|---|---|---|');
  for (const t of tallies(coverage)) out.push(`| ${t.label} | ${t.total} | ${t.observable} | ${t.covered} | ${percent(t.covered, t.observable)} |`);
  out.push('', '## Observable MUST-level server requirements without a scenario', '');
  if (coverage.uncoveredMusts.length === 0) out.push('None.');
  for (const row of coverage.uncoveredMusts) out.push(`- \`${row.requirement.id}\` (${row.requirement.source} §${row.requirement.section}): ${row.requirement.summary}`);
  const notApplicable = coverage.rows.filter((row) => row.status === 'not applicable');
  out.push('', `## Not applicable to ${coverage.target}`, '');
  if (notApplicable.length === 0) out.push('None.');
  for (const row of notApplicable) out.push(`- \`${row.requirement.id}\`: ${row.note ?? ''}`);
  out.push('', '## Matrix', '', `| requirement | section | keyword | party | observable | scenarios | ${coverage.target} |`, '|---|---|---|---|---|---|---|');
  for (const row of coverage.rows) {
    const r = row.requirement;
    const scenarios = row.scenarios.map((s) => `${s.name}${s.verdict === undefined ? '' : ` (${verdictWords(s)})`}`).join('; ');
    out.push(
      `| \`${r.id}\` ${mdCell(r.summary)} | ${r.source} §${r.section} | ${r.keyword} | ${r.party} | ${r.observable}${r.why === undefined ? '' : `: ${mdCell(r.why)}`} | ${mdCell(scenarios)} | ${row.status}${row.note === undefined || row.status === 'not observable' ? '' : `: ${mdCell(row.note)}`} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

const html = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderHtml(coverage: Coverage): string {
  const tallyRows = tallies(coverage)
    .map((t) => `<tr><td>${html(t.label)}</td><td>${t.total}</td><td>${t.observable}</td><td>${t.covered}</td><td>${percent(t.covered, t.observable)}</td></tr>`)
    .join('\n');
  const uncovered =
    coverage.uncoveredMusts.length === 0
      ? '<p>None.</p>'
      : `<ul>${coverage.uncoveredMusts.map((row) => `<li><code>${html(row.requirement.id)}</code> ${html(row.requirement.summary)}</li>`).join('')}</ul>`;
  const notApplicableRows = coverage.rows.filter((row) => row.status === 'not applicable');
  const notApplicable =
    notApplicableRows.length === 0
      ? '<p>None.</p>'
      : `<ul>${notApplicableRows.map((row) => `<li><code>${html(row.requirement.id)}</code> ${html(row.note ?? '')}</li>`).join('')}</ul>`;
  const matrix = coverage.rows
    .map((row) => {
      const r = row.requirement;
      const scenarios = row.scenarios.map((s) => `<li>${html(s.name)}${s.verdict === undefined ? '' : ` <em>(${verdictWords(s)})</em>`}</li>`).join('');
      const status = row.status.replace(/ /g, '-');
      // Rules for clients are the business of client checks, not of a server's run: no alarm colour.
      const side = SERVER_PARTIES.includes(r.party) ? '' : ' client-side';
      return `<tr class="${status}${side}"><td><code>${html(r.id)}</code><br>${html(r.summary)}</td><td>${html(`${r.source} §${r.section}`)}</td><td>${r.keyword}</td><td>${r.party}</td><td>${r.observable}${r.why === undefined ? '' : `: ${html(r.why)}`}</td><td><ul>${scenarios}</ul></td><td>${row.status}${row.note === undefined || row.status === 'not observable' ? '' : `: ${html(row.note)}`}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Requirement coverage: ${html(coverage.target)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
ul { margin: 0; padding-left: 1.2em; }
tr.passed td:last-child, tr.present td:last-child { background: #dfd; } tr.failed td:last-child { background: #fbb; }
tr.warning td:last-child, tr.absent td:last-child { background: #ffd; } tr.not-covered td:last-child { background: #fdd; }
tr.not-judged td:last-child { background: #ddf; } tr.not-applicable, tr.not-observable { color: #777; }
tr.client-side.not-covered td:last-child { background: none; color: #777; }
</style></head><body>
<h1>Requirement coverage: target ${html(coverage.target)}</h1>
<table><tr><th>requirements</th><th>total</th><th>observable</th><th>with a scenario</th><th>coverage</th></tr>
${tallyRows}
</table>
<h2>Observable MUST-level server requirements without a scenario</h2>
${uncovered}
<h2>Not applicable to ${html(coverage.target)}</h2>
${notApplicable}
<h2>Matrix</h2>
<table><tr><th>requirement</th><th>section</th><th>keyword</th><th>party</th><th>observable</th><th>scenarios</th><th>${html(coverage.target)}</th></tr>
${matrix}
</table></body></html>
`;
}
