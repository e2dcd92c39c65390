/**
 * The mock's modes, one chosen at start-up. `strict` is the reference: RFC-conformant, with RingCentral's
 * app-type rules; the suite is green against it. `ringcentral` reproduces what the platform documents or was
 * seen to do where that differs from the RFCs (../shared/ringcentral.md), so a run predicts the live target.
 * Every difference is a field of the policy below: rules and endpoints read data, not the mode's name.
 */
import type { Capability } from '../spec/requirements/requirement';
import type { VendorCode } from './dialect';
import { GRANT_TYPES, type GrantType } from './grant-types';
import { type ErrorReplies, RFC_ERROR_REPLIES, RINGCENTRAL_ERROR_REPLIES } from './replies';
import { MOCK_PAGES, type PageSet, RINGCENTRAL_PAGES } from './pages';
import { type RateBudget, RINGCENTRAL_AUTH_BUDGET } from './rate-limit';

export const MOCK_MODES = ['strict', 'ringcentral'] as const;

export type MockMode = (typeof MOCK_MODES)[number];

export function isMockMode(value: string): value is MockMode {
  return (MOCK_MODES as readonly string[]).includes(value);
}

/** RingCentral codes whose choice depends on the mode. */
export interface ModeCodes {
  /** An access token that does not verify (malformed, forged or signed by someone else). */
  readonly invalidAccessToken: VendorCode;
  /** An access token that a refresh replaced. */
  readonly replacedAccessToken: VendorCode;
  /** A revocation request without a token (an empty one counts as omitted, RFC 6749 §3.1). */
  readonly missingRevocationToken: VendorCode;
}

export interface ModePolicy {
  readonly mode: MockMode;
  /** The target profile's name. */
  readonly profileName: string;
  /** What the mode offers beyond the code and refresh grants; plain HTTP, no implicit or client credentials grant. */
  readonly capabilities: readonly Capability[];
  /** The grant types granted; one the mock knows but does not offer is refused as unauthorized_client. */
  readonly grantTypes: readonly GrantType[];
  readonly codes: ModeCodes;
  readonly errorReplies: ErrorReplies;
  /** The token and revocation endpoints' budget when the options name none. */
  readonly defaultAuthRateLimit: RateBudget | undefined;
  /** The sign-in and consent pages. */
  readonly pages: PageSet;
}

const STRICT: ModePolicy = {
  mode: 'strict',
  profileName: 'mock',
  capabilities: ['password-grant', 'jwt-grant'],
  grantTypes: GRANT_TYPES,
  codes: { invalidAccessToken: 'OAU-129', replacedAccessToken: 'OAU-213', missingRevocationToken: 'OAU-101' },
  errorReplies: RFC_ERROR_REPLIES,
  defaultAuthRateLimit: undefined,
  pages: MOCK_PAGES,
};

const RINGCENTRAL: ModePolicy = {
  mode: 'ringcentral',
  profileName: 'mock:ringcentral',
  capabilities: ['jwt-grant'],
  // The password grant reached its end of life on 2024-03-31.
  grantTypes: GRANT_TYPES.filter((grantType) => grantType !== 'password'),
  codes: {
    // Observed: "OAU-149 OAuth token is invalid" for a well-formed but unknown token; OAU-129 "Access token
    // corrupted" for the access token a refresh just replaced (it turns into OAU-213 about ten seconds later).
    invalidAccessToken: 'OAU-149',
    replacedAccessToken: 'OAU-129',
    missingRevocationToken: 'CMN-101',
  },
  errorReplies: RINGCENTRAL_ERROR_REPLIES,
  defaultAuthRateLimit: RINGCENTRAL_AUTH_BUDGET,
  pages: RINGCENTRAL_PAGES,
};

const POLICIES: Readonly<Record<MockMode, ModePolicy>> = { strict: STRICT, ringcentral: RINGCENTRAL };

/** The policy of a mode; a name that is none (from an untyped caller) is refused rather than guessed. */
export function modePolicy(mode: string): ModePolicy {
  if (!isMockMode(mode)) throw new RangeError(`mode must be ${MOCK_MODES.join(' or ')}, not ${mode}`);
  return POLICIES[mode];
}
