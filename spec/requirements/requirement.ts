/**
 * What one entry of the requirement catalog says: a normative statement of a spec, whom it binds, whether
 * a client on the outside can see it kept or broken, and which sentences of the spec it comes from.
 */
import type { Bcp14Keyword } from './rfc-text';

export type RequirementSource = 'RFC 6749' | 'RFC 6750' | 'RFC 7009' | 'RFC 7636' | 'RingCentral';

/** The party a statement binds. The four endpoints are what this harness can probe. */
export const PARTIES = [
  'authorization-endpoint',
  'token-endpoint',
  'resource-server',
  'revocation-endpoint',
  /** The authorization server as a whole, where a rule spans its endpoints (TLS, token lifetimes). */
  'authorization-server',
  'client',
  'other',
] as const;
export type Party = (typeof PARTIES)[number];

export const SERVER_PARTIES: readonly Party[] = [
  'authorization-endpoint',
  'token-endpoint',
  'resource-server',
  'revocation-endpoint',
  'authorization-server',
];

/**
 * yes: a black-box client can make the server show whether it keeps the rule.
 * partly: some cases can be seen, others not (the reason says which).
 * no: nothing on the wire tells (the reason says why).
 */
export type Observability = 'yes' | 'partly' | 'no';

/**
 * What a target must offer before a requirement applies to it. A target without it lists the requirement
 * as not applicable, with the reason, instead of as uncovered.
 */
export const CAPABILITIES = {
  'implicit-grant': 'the implicit grant (response_type=token)',
  'client-credentials-grant': 'the client credentials grant',
  tls: 'HTTPS endpoints (TLS)',
  'password-grant': 'the resource owner password credentials grant',
  'jwt-grant': 'the JWT bearer grant (urn:ietf:params:oauth:grant-type:jwt-bearer)',
  'pkce-required': 'PKCE as a requirement for public clients (it accepts their requests without a challenge)',
} as const;
export type Capability = keyof typeof CAPABILITIES;

export interface Requirement {
  /** Stable id, cited by scenarios as a tag `@req:<id>`: `<rfc>-<section>-<slug>`, or `rc-<slug>` for RingCentral's rules. */
  readonly id: string;
  readonly source: RequirementSource;
  readonly section: string;
  readonly keyword: Bcp14Keyword;
  readonly party: Party;
  readonly observable: Observability;
  /** Why not (fully) observable; required unless `observable` is "yes". */
  readonly why?: string;
  readonly needs?: Capability;
  /**
   * The keyword sentences this entry states, as `rfc:section:ordinal` (see `sentenceRef`). Empty for
   * statements the spec makes without a keyword (an error code's definition, "responds with HTTP 200")
   * and for specs whose text is not bundled.
   */
  readonly sentences: readonly string[];
  /** For an error code's definition: the code. */
  readonly errorCode?: string;
  /** What the statement requires, in the catalog's own words. */
  readonly summary: string;
}

/**
 * How a failure of a requirement weighs in the verdict, from its keyword alone. RingCentral's rules are
 * written with MUST / MUST NOT, so vendor policy blocks like a MUST.
 */
export type RequirementLevel = 'blocking' | 'warning' | 'informational';

export function levelOf(keyword: Bcp14Keyword): RequirementLevel {
  switch (keyword) {
    case 'MUST':
    case 'MUST NOT':
    case 'REQUIRED':
    case 'SHALL':
    case 'SHALL NOT':
      return 'blocking';
    case 'SHOULD':
    case 'SHOULD NOT':
    case 'RECOMMENDED':
    case 'NOT RECOMMENDED':
      return 'warning';
    case 'MAY':
    case 'OPTIONAL':
      return 'informational';
  }
}
