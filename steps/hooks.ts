import { After, AfterAll, Before, BeforeStep, setDefaultTimeout, setDefinitionFunctionWrapper, Status } from '@cucumber/cucumber';
import { closeSharedBrowser } from '../driver/browser';
import { ClientRefusal } from '../driver/client-adapter';
import { ConformanceFailure, HarnessError, SkipScenario } from '../driver/errors';
import { runHooks } from '../driver/run-context';
import { runRedactor } from '../driver/run-secrets';
import { describe } from './expectations';
import { actorOf } from './step-kinds';
import type { ConformanceWorld } from './world';

// A browser login makes several round trips, each with its own request timeout; this is the step's ceiling.
setDefaultTimeout(60_000);

/**
 * A step or hook anywhere below may find that the target lacks what the scenario needs and throw SkipScenario;
 * the scenario is then skipped with that reason (the runner reads the `skipped:` line). Cucumber reads a
 * step function's length to match its parameters, so the wrapper keeps it.
 */
setDefinitionFunctionWrapper((fn: (...args: unknown[]) => unknown, wrapperOptions?: unknown) => {
  const actor = actorOf(wrapperOptions);
  const wrapped = async function (this: ConformanceWorld, ...args: unknown[]): Promise<unknown> {
    try {
      // With a client under test, an action of the app that no client library offers cannot be taken (step-kinds.ts).
      // Read once: hooks run through this wrapper too, and only the step that BeforeStep announced is an action.
      const stepType = this.stepType;
      this.stepType = undefined;
      if (this.client !== undefined && stepType === 'Action' && actor === undefined) {
        throw new SkipScenario(
          `the ${this.client.name} client cannot take this step: it needs a request the harness shapes itself ` +
            '(malformed, unusual, or sent in a way a client library does not offer)',
        );
      }
      return await fn.apply(this, args);
    } catch (error) {
      // A client under test that declines to send what a server scenario needs cannot take the scenario.
      const skip = error instanceof ClientRefusal ? new SkipScenario(`the ${this.client?.name ?? ''} client declined: ${error.message}`) : error;
      if (!(skip instanceof SkipScenario)) throw redacted(error);
      this.log(`skipped: ${skip.message}`);
      return 'skipped';
    }
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
});

BeforeStep(function (this: ConformanceWorld, { pickleStep }) {
  this.stepType = pickleStep.type;
});

/**
 * Errors of the harness's own kinds are redacted when made; any other (a bug, or a client adapter's own
 * error, which may quote a token) is redacted here, before Cucumber writes it into the reports.
 */
function redacted(error: unknown): unknown {
  if (error instanceof ConformanceFailure || error instanceof HarnessError || !(error instanceof Error)) return error;
  const copy = new HarnessError(`${error.name}: ${error.message}`);
  copy.stack = runRedactor.redact(error.stack ?? copy.message);
  return copy;
}

/** How often each scenario key was seen: an outline's rows and namesakes get keys of their own. */
const scenarioKeys = new Map<string, number>();

Before(function (this: ConformanceWorld, { pickle }) {
  this.browserTagged = pickle.tags.some((tag) => tag.name === '@browser');
  const base = `${pickle.uri} :: ${pickle.name}`;
  const seen = (scenarioKeys.get(base) ?? 0) + 1;
  scenarioKeys.set(base, seen);
  runHooks.scenarios?.begin(`${base} #${seen}`);
});

/** Defined first, so it runs after every other After hook: a replay must account for the clean-up's requests too. */
After({ name: 'the check that the recording replayed exactly' }, function () {
  const problems = runHooks.scenarios?.end() ?? [];
  if (problems.length > 0) throw new HarnessError(`replay: ${problems.join('; ')}`);
});

/** A happy path must not slide over an error answer that no step looked at. */
After({ name: 'the check that every error answer was expected' }, function (this: ConformanceWorld, { result }) {
  if (result?.status !== Status.PASSED) return;
  const [unexamined] = this.unexamined;
  if (unexamined !== undefined) {
    throw new ConformanceFailure('unexpected error response', 'every error answer to be expected by a step', describe(unexamined));
  }
});

/**
 * Nothing a scenario obtained outlives it, also when it failed: every token is revoked, so a run against a
 * live target leaves no sessions behind. A revocation that does not go through is said in the report.
 */
After({ name: 'revoking every token the scenario obtained' }, async function (this: ConformanceWorld) {
  runHooks.scenarios?.cleanUp?.();
  const problems = await this.driver.revokeObtained();
  for (const problem of problems) this.log(`clean-up: ${problem}`);
});

AfterAll(async () => {
  await closeSharedBrowser();
});
