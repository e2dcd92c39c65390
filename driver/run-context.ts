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
  /** Frames each scenario for recording or replay; `end` returns what went wrong, if anything. */
  scenarios?: { begin(key: string): void; end(): string[] };
}

export const runHooks: RunHooks = {};

const pacers = new Map<string, RequestPacer>();

/** The one pacer of a target in this process. */
export function pacerFor(profile: TargetProfile): RequestPacer {
  const key = `${profile.name} ${profile.baseUrl}`;
  let pacer = pacers.get(key);
  if (pacer === undefined) {
    pacer = new RequestPacer(profile.rateLimits, profile.paths);
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Every pacer of the run, for the closing statistics. */
export function allPacers(): RequestPacer[] {
  return [...pacers.values()];
}
