import { After, AfterAll, Before, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { closeSharedBrowser } from '../driver/browser';
import { ConformanceFailure } from '../driver/errors';
import { describe } from './expectations';
import type { ConformanceWorld } from './world';

// A browser login makes several round trips, each with its own request timeout; this is the step's ceiling.
setDefaultTimeout(60_000);

Before(function (this: ConformanceWorld, { pickle }) {
  this.browserTagged = pickle.tags.some((tag) => tag.name === '@browser');
});

/** A happy path must not slide over an error answer that no step looked at. */
After({ name: 'the check that every error answer was expected' }, function (this: ConformanceWorld, { result }) {
  if (result?.status !== Status.PASSED) return;
  const [unexamined] = this.unexamined;
  if (unexamined !== undefined) {
    throw new ConformanceFailure('unexpected error response', 'every error answer to be expected by a step', describe(unexamined));
  }
});

AfterAll(async () => {
  await closeSharedBrowser();
});
