/**
 * `npm run merge-reports -- <shard folders>`: the reports of the n parts of a sharded run (`--shard i/n`)
 * as those of one run: one message file, one HTML report, one JUnit file, one coverage matrix, one summary
 * and one verdict with the exit code a single run would have given.
 */
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join, relative, resolve } from 'node:path';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import JUnitFormatter from '@cucumber/junit-xml-formatter';
import type { Envelope } from '@cucumber/messages';
import { HarnessError } from '../driver/errors';
import { REQUIREMENTS } from '../spec/requirements/catalog';
import { UsageError } from './args';
import { loadBaseline } from './baseline';
import { EXIT, parseOptionsAndArguments, plural, runCommand, verdict } from './command';
import { isClientFeature, junitOptions, type RunRecord, subjectOf } from './conformance';
import { buildCoverage, renderHtml, renderMarkdown } from './coverage';
import { nonBlockingFindings, rewriteJUnitFile } from './junit';
import { claimReportsDir, REPORT_FILES } from './reports-dir';
import { RunResults } from './run-results';
import { assignShards } from './shard';
import { planScenarios } from './suite-run';
import { listFeatureFiles, readTraceability } from './traceability';
import { decide, printTotals, publishSummary, renderSummary } from './verdict';

export const MERGE_USAGE = `Usage: npm run merge-reports -- [--reports <dir>] [--baseline <file>] <shard reports folder>...

Combines the reports of the parts of a sharded run (npm run conformance -- --shard i/n --reports <dir>) into
the reports of one run: messages.ndjson, the HTML report, junit.xml, the coverage matrix, summary.md, and
one verdict. Every part 1 to n must be there exactly once, from the same target, client and selection.

Options:
  --reports <dir>    where the merged reports go (default: reports)
  --baseline <file>  known deviations to judge against (default: the one the parts were judged against)
  --help             this text

Exit codes: 0 conformant, 1 non-conformant, 2 could not judge (also: parts missing, doubled or mismatched).`;

interface Part {
  readonly folder: string;
  readonly record: RunRecord;
  readonly envelopes: Envelope[];
}

export async function runMergeReports(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const { values, positionals } = parseMergeArgs(argv);
  if (values.help === true) {
    write(MERGE_USAGE);
    return EXIT.conformant;
  }
  const parts = positionals.map(readPart);
  const record = checkParts(parts);
  const out = resolve(values.reports ?? 'reports');
  // Before the folder is claimed, which clears its report files: a part's own reports must survive a mistake.
  if (parts.some((part) => resolve(part.folder) === out)) throw new UsageError('--reports must be a folder of its own, not one of the parts');
  await checkSelection(parts, record);
  const baselineFile = values.baseline ?? record.baseline;
  const baseline = baselineFile === undefined ? undefined : loadBaseline(baselineFile);
  const reports = claimReportsDir(out);
  try {
    const envelopes = mergeEnvelopes(parts.map((part) => part.envelopes));
    writeFileSync(reports.file('messages'), envelopes.map((envelope) => JSON.stringify(envelope)).join('\n') + '\n');
    await writeHtml(envelopes, reports.file('html'));
    writeFileSync(reports.file('junit'), renderJUnit(envelopes, subjectOf(record.target, record)));

    const results = new RunResults(() => undefined);
    for (const envelope of envelopes) results.onMessage(envelope);
    const named = record.selection.paths.filter((path) => !path.includes('*'));
    const traceability = readTraceability(listFeatureFiles(named));
    const coverage = buildCoverage(REQUIREMENTS, traceability.scenarios, results.scenarios, { name: subjectOf(record.target, record), capabilities: record.capabilities as never });
    writeFileSync(reports.file('coverageMarkdown'), renderMarkdown(coverage));
    writeFileSync(reports.file('coverageHtml'), renderHtml(coverage));
    writeFileSync(reports.file('run'), `${JSON.stringify({ ...record, shard: undefined, mergedFrom: parts.map((part) => relative(process.cwd(), part.folder)) }, null, 2)}\n`);

    write(`Merged ${plural(parts.length, 'part')} of the run against ${record.target}${record.client === undefined ? '' : ` (client ${record.client})`}: ${parts.map((p) => relative(process.cwd(), p.folder)).join(', ')}`);
    printTotals(results, coverage, runSeconds(envelopes), record.selection.paths.some(isClientFeature), write);
    const leaking = parts.filter((part) => (part.record.outcome?.leaks ?? 0) > 0);
    const decision =
      leaking.length > 0
        ? { code: EXIT.couldNotJudge, words: `secrets leaked into the reports of ${leaking.map((part) => `part ${part.record.shard?.index ?? '?'} (${part.folder})`).join(', ')}` }
        : decide(results, baseline, write);
    rewriteJUnitFile(reports.file('junit'), nonBlockingFindings(results.scenarios, new Set(decision.judged?.known.map((k) => k.scenario))));
    const subject = `${subjectOf(record.target, record)}, ${parts.length} shards merged`;
    const written = (Object.keys(REPORT_FILES) as (keyof typeof REPORT_FILES)[]).map((name) => relative(process.cwd(), reports.file(name)));
    write(`Reports: ${written.join(', ')}`);
    publishSummary(renderSummary({ subject, results, decision }), reports.file('summary'), write);
    return verdict(write, decision.code, decision.words);
  } finally {
    reports.release();
  }
}

function parseMergeArgs(argv: readonly string[]) {
  const { values, positionals } = parseOptionsAndArguments(argv, {
    help: { type: 'boolean', short: 'h' },
    reports: { type: 'string' },
    baseline: { type: 'string' },
  });
  if (values.help !== true && positionals.length === 0) throw new UsageError('name the reports folders of the parts, e.g. npm run merge-reports -- reports/shard-1 reports/shard-2');
  if (values.baseline !== undefined && !existsSync(values.baseline)) throw new UsageError(`no such baseline file: ${values.baseline}`);
  if (values.reports !== undefined && values.reports.trim() === '') throw new UsageError('--reports needs a folder');
  return { values, positionals };
}

function readPart(folder: string): Part {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`no such reports folder: ${folder}`);
  const has = (name: string): boolean => existsSync(join(folder, name));
  if (!has(REPORT_FILES.messages)) throw new HarnessError(`${folder} has no ${REPORT_FILES.messages}: is it the reports folder of a run with --shard?`);
  if (!has(REPORT_FILES.run)) throw new HarnessError(`${folder} has messages but no ${REPORT_FILES.run}: that part stopped before it finished; run it again`);
  const record = readRecord(join(folder, REPORT_FILES.run));
  if (record.outcome === undefined) throw new HarnessError(`${join(folder, REPORT_FILES.run)} says nothing of how the part ended: it stopped before it finished, or an older version wrote it`);
  const envelopes = readFileSync(join(folder, REPORT_FILES.messages), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new HarnessError(`${join(folder, REPORT_FILES.messages)}:${index + 1} is not a Cucumber message (cut off?)`);
      }
      return parsed as Envelope;
    });
  if (!envelopes.some((envelope) => envelope.testRunFinished !== undefined)) {
    throw new HarnessError(`${join(folder, REPORT_FILES.messages)} ends before the run did (no testRunFinished): that part stopped early`);
  }
  return { folder, record, envelopes };
}

/** A part's run.json, checked field by field: a hand-edited or foreign file gets a line, not a stack trace. */
function readRecord(file: string): RunRecord {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HarnessError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bad = (what: string): never => {
    throw new HarnessError(`${file} is not the record of a run: ${what}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) bad('not a JSON object');
  const record = json as Record<string, unknown>;
  if (typeof record['target'] !== 'string') bad('no target');
  if (!Array.isArray(record['capabilities'])) bad('no capabilities');
  const selection = record['selection'] as Record<string, unknown> | undefined;
  if (typeof selection !== 'object' || selection === null || !Array.isArray(selection['paths'])) bad('no selection with paths');
  const shard = record['shard'] as Record<string, unknown> | undefined;
  if (shard !== undefined && (typeof shard !== 'object' || shard === null || !Number.isInteger(shard['index']) || !Number.isInteger(shard['count']))) bad('shard is not { index, count }');
  const outcome = record['outcome'] as Record<string, unknown> | undefined;
  if (outcome !== undefined && (typeof outcome !== 'object' || outcome === null || typeof outcome['code'] !== 'number' || typeof outcome['leaks'] !== 'number')) bad('outcome is not { code, words, leaks }');
  return json as RunRecord;
}

/**
 * The parts ran exactly the scenarios their shards hold today: none missing (a part cut short), none twice,
 * none from other feature files (a part run on another checkout).
 */
async function checkSelection(parts: readonly Part[], record: RunRecord): Promise<void> {
  const { paths, tags, name } = record.selection;
  const planned = await planScenarios({ cucumberPaths: paths, ...(tags === undefined ? {} : { tags }), ...(name === undefined ? {} : { names: [name] }) });
  const expected = assignShards(planned, record.shard?.count ?? 1);
  for (const part of parts) {
    const index = part.record.shard?.index ?? 0;
    const want = planned.filter((_, at) => expected[at] === index).map((s) => `${s.uri}:${s.line}`);
    const ran = executedScenarios(part.envelopes);
    const missing = difference(want, ran);
    const extra = difference(ran, want);
    if (missing.length > 0 || extra.length > 0) {
      const list = (keys: string[]): string => `${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ` and ${keys.length - 3} more` : ''}`;
      throw new HarnessError(
        `${part.folder} (part ${index}/${record.shard?.count ?? 1}) did not run the scenarios its part holds in these feature files: ` +
          [missing.length > 0 ? `${missing.length} missing (${list(missing)})` : '', extra.length > 0 ? `${extra.length} not in it or run twice (${list(extra)})` : ''].filter(Boolean).join('; ') +
          '; run every part on the same checkout, to the end',
      );
    }
  }
}

/** file:line of every scenario a part's messages show finished. */
function executedScenarios(envelopes: readonly Envelope[]): string[] {
  const pickles = new Map(envelopes.flatMap((e) => (e.pickle === undefined ? [] : [[e.pickle.id, `${e.pickle.uri}:${e.pickle.location?.line ?? 0}`] as const])));
  const cases = new Map(envelopes.flatMap((e) => (e.testCase === undefined ? [] : [[e.testCase.id, e.testCase.pickleId] as const])));
  const started = new Map(envelopes.flatMap((e) => (e.testCaseStarted === undefined ? [] : [[e.testCaseStarted.id, e.testCaseStarted.testCaseId] as const])));
  return envelopes.flatMap((e) => {
    const caseId = e.testCaseFinished === undefined || e.testCaseFinished.willBeRetried ? undefined : started.get(e.testCaseFinished.testCaseStartedId);
    const key = caseId === undefined ? undefined : pickles.get(cases.get(caseId) ?? '');
    return key === undefined ? [] : [key];
  });
}

/** What a has beyond b, counting repeats. */
function difference(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((key) => {
    const at = left.indexOf(key);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

/** The run's wall time, from the earliest part's start to the latest part's end. */
function runSeconds(envelopes: readonly Envelope[]): string {
  const started = envelopes.find((e) => e.testRunStarted !== undefined)?.testRunStarted?.timestamp;
  const finished = envelopes.find((e) => e.testRunFinished !== undefined)?.testRunFinished?.timestamp;
  return started === undefined || finished === undefined ? '0.0' : (seconds(finished) - seconds(started)).toFixed(1);
}

/** The parts of one sharded run, each once: the same target, client, selection and number of parts. */
function checkParts(parts: readonly Part[]): RunRecord {
  const [first] = parts;
  if (first === undefined) throw new UsageError('name the reports folders of the parts');
  const count = first.record.shard?.count;
  for (const part of parts) {
    if (part.record.shard === undefined) throw new HarnessError(`${part.folder} is the report of a whole run, not of a part (--shard i/n)`);
    const same = (what: string, mine: unknown, theirs: unknown): void => {
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
        throw new HarnessError(`${part.folder} and ${first.folder} are parts of different runs: ${what} ${JSON.stringify(mine)} against ${JSON.stringify(theirs)}`);
      }
    };
    same('target', part.record.target, first.record.target);
    same('client', part.record.client, first.record.client);
    same('selection', part.record.selection, first.record.selection);
    same('number of parts', part.record.shard.count, count);
    same('baseline', part.record.baseline, first.record.baseline);
  }
  for (let index = 1; index <= (count ?? 0); index += 1) {
    const holders = parts.filter((part) => part.record.shard?.index === index);
    if (holders.length === 0) throw new HarnessError(`part ${index}/${count} is missing: merge all ${count} parts, or the verdict would cover only some scenarios`);
    if (holders.length > 1) throw new HarnessError(`part ${index}/${count} is given twice: ${holders.map((part) => part.folder).join(' and ')}`);
  }
  return first.record;
}

/** What describes the suite (documents, pickles, definitions) rather than one run's execution of it. */
const DEFINITIONS = ['source', 'gherkinDocument', 'pickle', 'stepDefinition', 'hook', 'parameterType', 'undefinedParameterType'] as const;

/**
 * One message stream from several: one meta and one test run around all parts' test cases. A feature file
 * that several parts ran appears once; the other parts' pickles are pointed at its nodes, which have the
 * same structure, since every part parsed the same file.
 */
export function mergeEnvelopes(streams: readonly Envelope[][]): Envelope[] {
  const documents = new Map<string, Record<string, unknown>>();
  const definitions: Envelope[] = [];
  const testCases: Envelope[] = [];
  const execution: Envelope[] = [];
  const starts: NonNullable<Envelope['testRunStarted']>[] = [];
  const finishes: NonNullable<Envelope['testRunFinished']>[] = [];
  let meta: Envelope | undefined;
  for (const stream of streams) {
    const remap = new Map<string, string>();
    for (const envelope of stream) {
      if (envelope.meta !== undefined) meta ??= envelope;
      else if (envelope.testRunStarted !== undefined) starts.push(envelope.testRunStarted);
      else if (envelope.testRunFinished !== undefined) finishes.push(envelope.testRunFinished);
      else if (envelope.gherkinDocument !== undefined) {
        const uri = envelope.gherkinDocument.uri ?? '';
        const kept = documents.get(uri);
        if (kept === undefined) {
          documents.set(uri, envelope.gherkinDocument as unknown as Record<string, unknown>);
          definitions.push(envelope);
        } else {
          const from = nodeIds(envelope.gherkinDocument);
          const to = nodeIds(kept);
          from.forEach((id, index) => remap.set(id, to[index] ?? id));
        }
      } else if (envelope.source !== undefined) {
        if (!definitions.some((e) => e.source?.uri === envelope.source?.uri)) definitions.push(envelope);
      } else if (envelope.pickle !== undefined) definitions.push({ pickle: repointPickle(envelope.pickle, remap) });
      else if (DEFINITIONS.some((kind) => envelope[kind] !== undefined)) definitions.push(envelope);
      else if (envelope.testCase !== undefined) testCases.push(envelope);
      else execution.push(envelope);
    }
  }
  const [firstStart] = starts;
  if (firstStart === undefined || finishes.length === 0) throw new HarnessError('a part has no test run in its messages');
  const runId = firstStart.id;
  const start = starts.reduce((earliest, s) => (seconds(s.timestamp) < seconds(earliest.timestamp) ? s : earliest));
  const finish = finishes.reduce((latest, f) => (seconds(f.timestamp) > seconds(latest.timestamp) ? f : latest));
  const sameRun = (envelope: Envelope): Envelope => (runId === undefined ? envelope : (withRunId(envelope, runId) as Envelope));
  // Each part lists every scenario of the files it loaded, and every step definition and hook: keep what ran, once.
  const ran = new Set(testCases.map((envelope) => envelope.testCase?.pickleId));
  const { kept, sameAs } = dedupeDefinitions(definitions.filter((envelope) => envelope.pickle === undefined || ran.has(envelope.pickle.id)));
  const oneDefinition = (envelope: Envelope): Envelope => (sameAs.size === 0 ? envelope : (withDefinitionIds(envelope, sameAs) as Envelope));
  return [
    ...(meta === undefined ? [] : [meta]),
    ...kept,
    { testRunStarted: { ...start, ...(runId === undefined ? {} : { id: runId }) } },
    ...testCases.map(sameRun).map(oneDefinition),
    ...execution.map(sameRun).map(oneDefinition),
    { testRunFinished: { ...finish, success: finishes.every((f) => f.success), ...(runId === undefined ? {} : { testRunStartedId: runId }) } },
  ];
}

/** Step definitions, hooks and parameter types that several parts declared alike, kept once; the ids of the others point to the one kept. */
function dedupeDefinitions(definitions: readonly Envelope[]): { kept: Envelope[]; sameAs: Map<string, string> } {
  const firstByKey = new Map<string, string>();
  const sameAs = new Map<string, string>();
  const kept = definitions.filter((envelope) => {
    const definition = envelope.stepDefinition ?? envelope.hook ?? envelope.parameterType;
    if (definition === undefined) return true;
    const { id, ...rest } = definition as { id: string };
    const key = `${Object.keys(envelope)[0] ?? ''}:${JSON.stringify(rest)}`;
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, id);
      return true;
    }
    sameAs.set(id, first);
    return false;
  });
  return { kept, sameAs };
}

/** References to definitions (a step's stepDefinitionIds, a hook's hookId, a parameter type's id) pointed at the ones kept. */
function withDefinitionIds(value: unknown, sameAs: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withDefinitionIds(item, sameAs));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === 'hookId' && typeof inner === 'string') return [key, sameAs.get(inner) ?? inner];
      if (key === 'stepDefinitionIds' && Array.isArray(inner)) return [key, inner.map((id: string) => sameAs.get(id) ?? id)];
      return [key, withDefinitionIds(inner, sameAs)];
    }),
  );
}

function seconds(timestamp: { seconds: number; nanos: number }): number {
  return timestamp.seconds + timestamp.nanos / 1e9;
}

/** Every node id of a Gherkin document, in document order: the same file gives the same sequence. */
function nodeIds(node: unknown, ids: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) nodeIds(item, ids);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'id' && typeof value === 'string') ids.push(value);
      else nodeIds(value, ids);
    }
  }
  return ids;
}

function repointPickle(pickle: NonNullable<Envelope['pickle']>, remap: ReadonlyMap<string, string>): NonNullable<Envelope['pickle']> {
  if (remap.size === 0) return pickle;
  const to = (id: string): string => remap.get(id) ?? id;
  return {
    ...pickle,
    astNodeIds: pickle.astNodeIds.map(to),
    steps: pickle.steps.map((step) => ({ ...step, astNodeIds: step.astNodeIds.map(to) })),
    tags: pickle.tags.map((tag) => ({ ...tag, astNodeId: to(tag.astNodeId) })),
  };
}

/** Every testRunStartedId in the envelope set to the merged run's. */
function withRunId(value: unknown, runId: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withRunId(item, runId));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'testRunStartedId' ? runId : withRunId(inner, runId)]));
}

async function writeHtml(envelopes: readonly Envelope[], file: string): Promise<void> {
  const html = new CucumberHtmlStream();
  const out = createWriteStream(file);
  html.pipe(out);
  for (const envelope of envelopes) html.write(envelope);
  html.end();
  await finished(out);
}

function renderJUnit(envelopes: readonly Envelope[], target: string): string {
  const chunks: string[] = [];
  const options = (junitOptions(target) as { junit: unknown }).junit;
  let onMessage: ((envelope: Envelope) => void) | undefined;
  JUnitFormatter.formatter({ options: options as never, on: (_event: 'message', handler: (envelope: Envelope) => void) => (onMessage = handler), write: (chunk: string) => chunks.push(chunk) });
  for (const envelope of envelopes) onMessage?.(envelope);
  return chunks.join('');
}

if (require.main === module) runCommand('merge-reports', runMergeReports);
