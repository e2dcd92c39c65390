import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { budgetProblem, rateLimitHeaders, RINGCENTRAL_AUTH_BUDGET, SlidingWindow } from '../../mock-server/rate-limit';

/** A window on a hand-moved clock, so no test sleeps. */
function windowOf(requests: number, windowMs: number) {
  let now = 1_000;
  const limit = new SlidingWindow({ requests, windowMs }, () => now);
  return {
    limit,
    at: (ms: number) => {
      now = ms;
      return limit.admit();
    },
  };
}

describe('sliding window of arrivals', () => {
  test('admits the budget, counting down what remains, then refuses', () => {
    const { at } = windowOf(3, 60_000);
    assert.deepEqual(at(1_000), { admitted: true, remaining: 2 });
    assert.deepEqual(at(2_000), { admitted: true, remaining: 1 });
    assert.deepEqual(at(3_000), { admitted: true, remaining: 0 });
    assert.equal(at(4_000).admitted, false);
  });

  test('Retry-After is the time until the oldest arrival leaves, in whole seconds rounded up', () => {
    const { at } = windowOf(2, 60_000);
    at(1_000);
    at(30_000);
    assert.deepEqual(at(31_000), { admitted: false, retryAfterSeconds: 30 });
    assert.deepEqual(at(31_500), { admitted: false, retryAfterSeconds: 30 });
    assert.deepEqual(at(60_999), { admitted: false, retryAfterSeconds: 1 });
  });

  test('Retry-After is at least one second, however short the window', () => {
    const { at } = windowOf(1, 200);
    at(1_000);
    assert.deepEqual(at(1_100), { admitted: false, retryAfterSeconds: 1 });
  });

  test('the window slides: an arrival stops counting exactly one window later', () => {
    const { at } = windowOf(2, 60_000);
    at(1_000);
    at(2_000);
    assert.equal(at(60_999).admitted, false);
    assert.deepEqual(at(61_000), { admitted: true, remaining: 0 });
    assert.equal(at(61_999).admitted, false);
    assert.deepEqual(at(62_000), { admitted: true, remaining: 0 });
  });

  test('a refused request does not count against the window', () => {
    const { at } = windowOf(1, 10_000);
    at(1_000);
    for (let ms = 2_000; ms < 11_000; ms += 1_000) assert.equal(at(ms).admitted, false, `at ${ms}`);
    // Had the refusals counted, the last one (at 10 000) would hold the window until 20 000.
    assert.deepEqual(at(11_000), { admitted: true, remaining: 0 });
  });

  test('after a quiet window the whole budget is back', () => {
    const { at } = windowOf(5, 60_000);
    for (let i = 0; i < 5; i += 1) at(1_000 + i);
    assert.deepEqual(at(200_000), { admitted: true, remaining: 4 });
  });

  test('runs on performance.now() unless told otherwise', () => {
    const limit = new SlidingWindow({ requests: 1, windowMs: 60_000 });
    assert.deepEqual(limit.admit(), { admitted: true, remaining: 0 });
    assert.equal(limit.admit().admitted, false);
  });
});

describe('budgets and headers', () => {
  test("RingCentral's Auth group: 5 requests per minute", () => {
    assert.deepEqual(RINGCENTRAL_AUTH_BUDGET, { requests: 5, windowMs: 60_000 });
  });

  test('a budget that cannot be enforced is refused', () => {
    for (const budget of [
      { requests: 0, windowMs: 1000 },
      { requests: 1.5, windowMs: 1000 },
      { requests: 5, windowMs: 0 },
      { requests: 5, windowMs: Number.POSITIVE_INFINITY },
      { requests: 5, windowMs: Number.NaN },
    ]) {
      assert.notEqual(budgetProblem(budget), undefined, JSON.stringify(budget));
      assert.throws(() => new SlidingWindow(budget), RangeError);
    }
    assert.equal(budgetProblem({ requests: 5, windowMs: 1 }), undefined);
  });

  test('X-Rate-Limit-* headers, the window in whole seconds', () => {
    assert.deepEqual(rateLimitHeaders('auth', { requests: 5, windowMs: 60_000 }, 3), {
      'X-Rate-Limit-Group': 'auth',
      'X-Rate-Limit-Limit': '5',
      'X-Rate-Limit-Remaining': '3',
      'X-Rate-Limit-Window': '60',
    });
    assert.equal(rateLimitHeaders('auth', { requests: 5, windowMs: 1_500 }, 0)['X-Rate-Limit-Window'], '2');
    assert.equal(rateLimitHeaders('auth', { requests: 5, windowMs: 200 }, 0)['X-Rate-Limit-Window'], '1');
  });
});
