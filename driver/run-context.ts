/**
 * What every driver of one run shares besides the redactor: the pacers (a rate limit is the target's, not a
 * scenario's) and the runner's hooks for recording and replaying fixtures. Scenarios run in this process,
 * so a module holds them, as run-secrets.ts holds the redactor.
 */
import type { BrowserContext } from 'playwright-core';
import type { Exchange } from './exchange';
import { RequestPacer } from './pacer';
import type { TargetProfile } from './target';

export interface RunHooks {
  /** Each exchange before redaction: the fixture recorder's input. */
  onExchange?: (exchange: Exchange) => void;
  /** Each browser context before its first page: the replay's routes. */
  prepareBrowserContext?: (context: BrowserContext) => Promise<void>;
  /**
   * Frames each scenario for recording, replay or the self-test; `cleanUp` is told when the scenario's own
   * steps are done and its tokens are about to be revoked; `end` returns what went wrong, if anything.
   */
  scenarios?: { begin(key: string): void; cleanUp?(): void; end(): string[] };
  /** Progress from inside a scenario: a long wait, as it starts. */
  notice?: (line: string) => void;
}

export const runHooks: RunHooks = {};

const pacers = new Map<string, RequestPacer>();

/** The one pacer of a target in this process. */
export function pacerFor(profile: TargetProfile): RequestPacer {
  const key = `${profile.name} ${profile.baseUrl}`;
  let pacer = pacers.get(key);
  if (pacer === undefined) {
    pacer = new RequestPacer(profile.rateLimits, profile.paths);
    pacer.onLongWait = (ms, why) => runHooks.notice?.(`       waiting ${(ms / 1000).toFixed(0)} s for ${why}`);
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Every pacer of the run, for the closing statistics. */
export function allPacers(): RequestPacer[] {
  return [...pacers.values()];
}

/** A new run in the same process starts with no pacers, so that its statistics are its own. */
export function resetPacers(): void {
  pacers.clear();
}

/** A driver holding tokens it has not revoked yet. */
export interface TokenHolder {
  revokeObtained(): Promise<string[]>;
}

/** The drivers that hold tokens right now: what an interrupted run must still revoke. */
export const tokenHolders = new Set<TokenHolder>();

/**
 * Revokes what every driver still holds, for a run cut short (Ctrl-C, a CI cancel); gives up after the time
 * given, since a rate-limited target may make revocations wait. Returns how many drivers were left holding.
 */
export async function revokeEverything(withinMs: number): Promise<number> {
  runState.stopping = true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, withinMs);
  });
  // A token request on its way may be issuing a session right now: its answer comes first, then no new
  // token request leaves (runState.stopping), and what the drivers hold is revoked until nothing is left.
  const revoke = async (): Promise<void> => {
    while (requestsInFlight.size > 0 || tokenHolders.size > 0) {
      await Promise.allSettled([...requestsInFlight]);
      await Promise.allSettled([...tokenHolders].map((holder) => holder.revokeObtained()));
    }
  };
  await Promise.race([revoke(), timeout]);
  clearTimeout(timer);
  return tokenHolders.size;
}

/** Set once the run is being stopped: no driver asks for tokens any more. */
export const runState = { stopping: false };

/** Requests sent and not yet answered, so that a stopped run can wait for what they bring. */
export const requestsInFlight = new Set<Promise<unknown>>();
