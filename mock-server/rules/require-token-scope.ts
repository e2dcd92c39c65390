// Rule: a token reaches a resource only when its scope holds the permission the resource needs (RFC 6750 §3.1 insufficient_scope).
import { fail } from '../dialect';
import type { Rule } from '../rule';
import type { Session } from '../stores/sessions';

interface Context {
  readonly session: Session;
  /** The permission the resource needs; undefined for a resource any live token may read. */
  readonly needs: string | undefined;
}

export const requireTokenScope: Rule<Context> = ({ session, needs }) =>
  needs === undefined || session.scope.includes(needs)
    ? undefined
    : fail('insufficient_scope', 'CMN-401', `The access token lacks the permission ${needs}`, { challengeScope: needs });
