/**
 * Follows a run through its Cucumber messages: prints progress as scenarios finish and classifies each
 * scenario's outcome into what the exit code contract needs (finding, could-not-judge, skipped, passed).
 * A finding weighs as much as the strongest requirement its scenario cites (see `strongestLevel`).
 */
import type { Envelope, TestStepResult } from '@cucumber/messages';
import { FINDING_EXCEPTION_TYPES } from '../driver/errors';
import { citedIds, findRequirement, strongestLevel } from '../spec/requirements/catalog';
import { levelOf, type Requirement, type RequirementLevel } from '../spec/requirements/requirement';

export type ScenarioVerdict = 'passed' | 'finding' | 'harness' | 'skipped' | 'undefined';

export interface ScenarioResult {
  readonly name: string;
  readonly uri: string;
  /** The feature's name, which JUnit reports as the test case's class name. */
  readonly feature: string;
  readonly tags: readonly string[];
  readonly verdict: ScenarioVerdict;
  /** The requirements the scenario cites, and the level of the strongest; a scenario citing none blocks. */
  readonly requirementIds: readonly string[];
  readonly level: RequirementLevel;
  /** For a finding whose check named the requirement it judged: that one of the cited requirements. */
  readonly judged?: string;
  /** The step that decided the verdict and what it reported, for anything but a pass. */
  readonly step?: string;
  readonly message?: string;
  readonly durationMs: number;
}

interface Running {
  readonly testCaseId: string;
  verdict: ScenarioVerdict;
  step?: string;
  message?: string;
  /** What the last `skipped: …` log line of the scenario said: the reason a skip is reported with. */
  skipReason?: string;
}

/** Steps that skip log their reason first, as `skipped: <why>`; Cucumber keeps no reason of its own. */
const SKIP_LOG = /^skipped: (.*)$/s;

/** What the clean-up hook logs for a token it could not revoke. */
const CLEAN_UP_LOG = 'clean-up: ';

const VERDICT_RANK: Record<ScenarioVerdict, number> = { passed: 0, skipped: 1, finding: 2, harness: 3, undefined: 4 };

export class RunResults {
  readonly scenarios: ScenarioResult[] = [];
  private readonly hooks = new Map<string, string>();
  private readonly features = new Map<string, string>();
  private readonly pickles = new Map<string, { name: string; uri: string; tags: string[]; steps: Map<string, string> }>();
  private readonly testCases = new Map<string, { pickleId: string; stepTexts: Map<string, string> }>();
  private readonly running = new Map<string, Running>();
  private readonly started = new Map<string, number>();
  private total = 0;
  private runStartedMs: number | undefined;
  /** Tokens the clean-up at the end of a scenario could not revoke: sessions a live target may still hold. */
  cleanUpProblems = 0;

  constructor(private readonly print: (line: string) => void) {}

  readonly onMessage = (envelope: Envelope): void => {
    if (envelope.testRunStarted) {
      this.runStartedMs = toMs(envelope.testRunStarted.timestamp);
    } else if (envelope.hook) {
      this.hooks.set(envelope.hook.id, envelope.hook.name ?? 'a hook');
    } else if (envelope.gherkinDocument) {
      const { uri, feature } = envelope.gherkinDocument;
      if (uri !== undefined) this.features.set(uri, feature?.name ?? '');
    } else if (envelope.pickle) {
      const { id, name, uri, steps, tags } = envelope.pickle;
      this.pickles.set(id, { name, uri, tags: tags.map((tag) => tag.name), steps: new Map(steps.map((step) => [step.id, step.text])) });
    } else if (envelope.testCase) {
      const { id, pickleId, testSteps } = envelope.testCase;
      const pickle = this.pickles.get(pickleId);
      const stepTexts = new Map<string, string>();
      for (const step of testSteps) {
        const text =
          step.pickleStepId === undefined ? this.hooks.get(step.hookId ?? '') ?? 'a hook' : pickle?.steps.get(step.pickleStepId);
        stepTexts.set(step.id, text ?? 'a step');
      }
      this.testCases.set(id, { pickleId, stepTexts });
      this.total += 1;
    } else if (envelope.testCaseStarted) {
      const { id, testCaseId, timestamp } = envelope.testCaseStarted;
      this.running.set(id, { testCaseId, verdict: 'passed' });
      this.started.set(id, toMs(timestamp));
    } else if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = envelope.testStepFinished;
      const run = this.running.get(testCaseStartedId);
      if (run !== undefined) this.noteStep(run, testStepId, testStepResult);
    } else if (envelope.attachment?.mediaType === 'text/x.cucumber.log+plain') {
      if (envelope.attachment.body.startsWith(CLEAN_UP_LOG)) this.cleanUpProblems += 1;
      const run = this.running.get(envelope.attachment.testCaseStartedId ?? '');
      const reason = SKIP_LOG.exec(envelope.attachment.body)?.[1];
      if (run !== undefined && reason !== undefined) run.skipReason = reason;
    } else if (envelope.testCaseFinished) {
      const { testCaseStartedId, timestamp, willBeRetried } = envelope.testCaseFinished;
      if (!willBeRetried) this.finish(testCaseStartedId, toMs(timestamp));
    }
  };

  count(verdict: ScenarioVerdict): number {
    return this.scenarios.filter((scenario) => scenario.verdict === verdict).length;
  }

  /** Findings of one weight: blocking ones decide the exit code, warnings and informational ones do not. */
  findings(level: RequirementLevel): number {
    return this.scenarios.filter((scenario) => scenario.verdict === 'finding' && scenario.level === level).length;
  }

  private noteStep(run: Running, testStepId: string, result: TestStepResult): void {
    const verdict = stepVerdict(result);
    if (VERDICT_RANK[verdict] <= VERDICT_RANK[run.verdict]) return;
    run.verdict = verdict;
    run.step = this.testCases.get(run.testCaseId)?.stepTexts.get(testStepId) ?? 'a step';
    const message = result.exception?.message ?? result.message ?? '';
    run.message = message.split('\n')[0] ?? '';
  }

  private finish(testCaseStartedId: string, finishedMs: number): void {
    const run = this.running.get(testCaseStartedId);
    if (run === undefined) return;
    const testCase = this.testCases.get(run.testCaseId);
    const pickle = testCase === undefined ? undefined : this.pickles.get(testCase.pickleId);
    const requirementIds = citedIds(pickle?.tags ?? []);
    const requirements = requirementIds.map(findRequirement).filter((r): r is Requirement => r !== undefined);
    const judged = judgedRequirement(requirements, run);
    const result: ScenarioResult = {
      name: pickle?.name ?? 'unnamed scenario',
      uri: pickle?.uri ?? '',
      feature: this.features.get(pickle?.uri ?? '') ?? '',
      tags: pickle?.tags ?? [],
      verdict: run.verdict,
      requirementIds,
      // A check that names the requirement it judged (the client checks do) weighs as that one, not the strongest cited.
      level: judged === undefined ? (strongestLevel(requirements) ?? 'blocking') : levelOf(judged.keyword),
      ...(judged === undefined ? {} : { judged: judged.id }),
      ...(run.step === undefined ? {} : { step: run.step }),
      ...(run.verdict === 'skipped' && !run.message && run.skipReason !== undefined
        ? { message: run.skipReason }
        : run.message === undefined
          ? {}
          : { message: run.message }),
      durationMs: finishedMs - (this.started.get(testCaseStartedId) ?? finishedMs),
    };
    this.scenarios.push(result);
    const mark =
      result.verdict === 'finding'
        ? FINDING_MARKS[result.level]
        : { passed: 'ok  ', skipped: 'skip', harness: 'ERR ', undefined: 'UNDF' }[result.verdict];
    const width = String(this.total).length;
    const elapsed = clockTime(finishedMs - (this.runStartedMs ?? finishedMs));
    this.print(`${mark} [${String(this.scenarios.length).padStart(width)}/${this.total} ${elapsed}] ${result.name} (${result.durationMs} ms)`);
    if (result.verdict !== 'passed' && result.step !== undefined) {
      this.print(`       at "${result.step}"${result.message ? `: ${result.message}` : ''}`);
    }
  }
}

/** The one cited requirement a failed check names at the start of its message, if it names one. */
function judgedRequirement(requirements: readonly Requirement[], run: { readonly verdict: ScenarioVerdict; readonly message?: string }): Requirement | undefined {
  if (run.verdict !== 'finding') return undefined;
  return requirements.find((requirement) => run.message?.startsWith(`${requirement.id} (`) === true);
}

/** A failed MAY-level check means the optional feature is absent: information, not a fault. */
const FINDING_MARKS: Record<RequirementLevel, string> = { blocking: 'FAIL', warning: 'WARN', informational: 'info' };

function stepVerdict(result: TestStepResult): ScenarioVerdict {
  switch (result.status) {
    case 'PASSED':
    case 'UNKNOWN':
      return 'passed';
    case 'SKIPPED':
      return 'skipped';
    case 'FAILED':
      return FINDING_EXCEPTION_TYPES.includes(result.exception?.type ?? '') ? 'finding' : 'harness';
    default:
      // UNDEFINED, AMBIGUOUS, PENDING: the suite itself is incomplete.
      return 'undefined';
  }
}

/** Elapsed time as m:ss, or h:mm:ss past an hour: a live run paced to a rate limit can take that long. */
function clockTime(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function toMs(timestamp: { seconds: number; nanos: number }): number {
  return timestamp.seconds * 1000 + Math.round(timestamp.nanos / 1e6);
}
