import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConformanceDriver } from '../../driver/driver';
import { minimumSpanMs } from '../../driver/pacer';
import { Redactor } from '../../driver/redaction';
import { pacerFor } from '../../driver/run-context';
import type { TargetProfile } from '../../driver/target';
import { type RunningMockServer, startMockServer } from '../../mock-server';

const BUDGET = { requests: 5, windowMs: 400 };
const REQUESTS = 23;

function driverFor(profile: TargetProfile): ConformanceDriver {
  return new ConformanceDriver(profile, { timeoutMs: 10_000, redactor: new Redactor(), attach: () => undefined });
}

/** Revocations of a token the server does not know: the cheapest request of the Auth group (RFC 7009 §2.2: HTTP 200). */
async function revocations(driver: ConformanceDriver, profile: TargetProfile, count: number): Promise<number[]> {
  const app = profile.apps['private-server-only'];
  assert.ok(app !== undefined);
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await driver.revoke(app, `unknown-token-${i}`)).status);
  return statuses;
}

/** Many token requests in a row against the mock's ringcentral mode, which enforces the Auth group's budget. */
async function jwtGrants(driver: ConformanceDriver, profile: TargetProfile, count: number): Promise<number[]> {
  const app = profile.apps['private-server-only'];
  const jwt = Object.values(profile.users)[0]?.jwt;
  assert.ok(app !== undefined && jwt !== undefined);
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await driver.jwtGrant(app, jwt)).status);
  return statuses;
}

describe('rate limits against the mock in its ringcentral mode', () => {
  let mock: RunningMockServer;

  before(async () => {
    mock = await startMockServer({ mode: 'ringcentral', authRateLimit: BUDGET });
  });

  after(async () => {
    await mock.stop();
  });

  it('paced to the profile, a burst of token requests meets no 429 and every one succeeds', async (t) => {
    const profile = mock.targetProfile();
    assert.deepEqual(profile.rateLimits.map((limit) => [limit.requests, limit.windowSeconds]), [[5, 0.4]]);
    const statuses = await revocations(driverFor(profile), profile, REQUESTS);
    assert.deepEqual(new Set(statuses), new Set([200]));
    const [stats] = pacerFor(profile).stats();
    assert.ok(stats !== undefined);
    assert.equal(stats.throttled, 0);
    assert.equal(stats.requests, REQUESTS);
    // The least time is a property of the budget; the measured span is reported, not asserted, being wall time.
    assert.ok(stats.spanMs >= minimumSpanMs(stats), `${stats.spanMs} ms for ${REQUESTS} requests, below the budget's minimum`);
    t.diagnostic(`${REQUESTS} requests: ${stats.spanMs} ms from first to last (${stats.waitedMs} ms waiting), the budget allows no less than ${minimumSpanMs(stats)} ms`);
  });

  it('unpaced, the driver waits out each 429 as Retry-After says and the requests still succeed', async () => {
    const profile: TargetProfile = { ...mock.targetProfile(), name: 'unpaced', rateLimits: [] };
    const statuses = await jwtGrants(driverFor(profile), profile, 8);
    assert.deepEqual(new Set(statuses), new Set([200]));
    // The mock's budget is 5 a window and 8 went out at once: the 429s happened, and were waited out.
    assert.ok(pacerFor(profile).throttledAnswers >= 1, 'no 429 was met, so nothing was tested');
  });
});
