/**
 * The shape of the mock's rules. A rule looks at what is known about a request and returns the failure
 * to answer with, or nothing. A resolver is a rule that, when it passes, also establishes something the
 * later rules need (the client, the user, the code). Each declares only the context it reads.
 */
import type { Failure } from './dialect';

export type Rule<C> = (context: C) => Failure | undefined;

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export type Resolver<C, T> = (context: C) => Outcome<T>;

export type AsyncResolver<C, T> = (context: C) => Promise<Outcome<T>>;

export function found<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function refused(failure: Failure): { readonly ok: false; readonly failure: Failure } {
  return { ok: false, failure };
}

/** Runs the rules in table order and stops at the first failure. */
export function firstFailure<C>(rules: readonly Rule<C>[], context: C): Failure | undefined {
  for (const rule of rules) {
    const failure = rule(context);
    if (failure !== undefined) return failure;
  }
  return undefined;
}
