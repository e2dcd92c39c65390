import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANNOUNCED_WAIT_MS, minimumSpanMs, type PacerClock, RequestPacer } from '../../driver/pacer';

const PATHS = { authorize: '/authorize', token: '/token', revoke: '/revoke', resource: '/me' };
const AUTH = { group: 'auth', endpoints: ['token', 'revoke'] as const, requests: 3, windowSeconds: 10 };

/** Time that moves only when the pacer sleeps, or when a test says a request took a while. */
class FakeClock implements PacerClock {
  at = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.at;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.at += ms;
  }
}

async function send(pacer: RequestPacer, clock: FakeClock, path: string, latencyMs = 100, headers: Record<string, string> = {}): Promise<number> {
  const claim = await pacer.claim(path);
  const sentAt = clock.at;
  clock.at += latencyMs;
  claim.done(headers);
  return sentAt;
}

describe('RequestPacer', () => {
  it('lets a budget go at once, then holds the next request until the oldest completion has left the window', async () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer([AUTH], PATHS, clock);
    const sent = [];
    for (let i = 0; i < 4; i += 1) sent.push(await send(pacer, clock, '/token'));
    assert.deepEqual(sent.slice(0, 3), [0, 100, 200]);
    // The first request completed at 100 ms; the fourth leaves just after 100 + 10 000 ms.
    assert.ok((sent[3] ?? 0) > 10_100 && (sent[3] ?? 0) <= 10_102, `sent at ${sent[3]}`);
  });

  it('says a long wait as it starts, what it is for, and keeps quiet about short ones', async () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer([AUTH], PATHS, clock);
    const said: string[] = [];
    pacer.onLongWait = (ms, why) => said.push(`${Math.round(ms / 1000)} s: ${why}`);
    for (let i = 0; i < 4; i += 1) await send(pacer, clock, '/token');
    assert.deepEqual(said, ['10 s: the rate limit auth (3 per 10 s) before /token']);
    await pacer.wait(1_000, '/token');
    await pacer.wait(ANNOUNCED_WAIT_MS, '/revoke');
    assert.deepEqual(said.slice(1), ['5 s: the Retry-After of a 429 from /revoke']);
  });

  it('does not pace paths outside the group', async () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer([AUTH], PATHS, clock);
    for (let i = 0; i < 10; i += 1) await send(pacer, clock, '/me');
    assert.deepEqual(clock.sleeps, []);
  });

  it('holds the group for the window when the server says nothing remains before its own count is full', async () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer([AUTH], PATHS, clock);
    await send(pacer, clock, '/token', 100, { 'x-rate-limit-remaining': '0', 'x-rate-limit-window': '60' });
    const next = await send(pacer, clock, '/revoke');
    assert.ok(next >= 60_100, `sent at ${next}`);
  });

  it('trusts its own count when the server says nothing remains just as the budget fills', async () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer([AUTH], PATHS, clock);
    await send(pacer, clock, '/token');
    await send(pacer, clock, '/token');
    await send(pacer, clock, '/token', 100, { 'x-rate-limit-remaining': '0', 'x-rate-limit-window': '60' });
    const next = await send(pacer, clock, '/token');
    assert.ok(next > 10_100 && next <= 10_102, `sent at ${next}`);
  });

  it("waits a 429's Retry-After, counts it, and gives up after three retries", () => {
    const pacer = new RequestPacer([AUTH], PATHS, new FakeClock());
    assert.equal(pacer.retryDelay('/token', { 'retry-after': '7' }, 0), 7000);
    assert.equal(pacer.retryDelay('/token', {}, 1), 10_000);
    assert.equal(pacer.retryDelay('/token', { 'retry-after': '7' }, 3), undefined);
    assert.equal(pacer.retryDelay('/token', { 'retry-after': '3600' }, 0), undefined);
    assert.equal(pacer.stats()[0]?.throttled, 3);
  });

  it('states the least time the limits allow for the requests it sent', async () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer([AUTH], PATHS, clock);
    for (let i = 0; i < 7; i += 1) await send(pacer, clock, '/token');
    const [stats] = pacer.stats();
    assert.ok(stats !== undefined);
    assert.equal(stats.requests, 7);
    assert.equal(minimumSpanMs(stats), 20_000);
    assert.ok(stats.spanMs >= 20_000 && stats.spanMs < 20_400, `span ${stats.spanMs}`);
  });
});
