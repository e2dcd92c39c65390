// Rule: the consent form's decision is approve or decline (RFC 6749 §4.1.2, §4.1.2.1 access_denied).
import { fail } from '../dialect';
import type { Params } from '../params';
import type { Rule } from '../rule';

const CONSENT_DECISIONS = ['approve', 'decline'] as const;

export const requireConsentDecision: Rule<{ readonly params: Params }> = ({ params }) =>
  (CONSENT_DECISIONS as readonly (string | undefined)[]).includes(params.get('decision'))
    ? undefined
    : fail('invalid_request', 'OAU-101', 'decision must be approve or decline');
