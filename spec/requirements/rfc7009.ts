/** RFC 7009, OAuth 2.0 Token Revocation: the revocation endpoint, its request, response and errors. */
import type { Requirement } from './requirement';

export const RFC7009: readonly Requirement[] = [
  {
    id: '7009-2.1-token-parameter-required',
    source: 'RFC 7009',
    section: '2.1',
    keyword: 'REQUIRED',
    party: 'revocation-endpoint',
    observable: 'yes',
    sentences: ['7009:2.1:1'],
    summary: 'A revocation request names the token to revoke; without it the request is malformed (invalid_request).',
  },
  {
    id: '7009-2.1-search-beyond-hint',
    source: 'RFC 7009',
    section: '2.1',
    keyword: 'MUST',
    party: 'revocation-endpoint',
    observable: 'yes',
    sentences: ['7009:2.1:4'],
    summary: 'A token_type_hint that does not fit the token must not stop the server: it looks the token up among every type it supports.',
  },
  {
    id: '7009-2.2-ok-for-invalid-token',
    source: 'RFC 7009',
    section: '2.2',
    keyword: 'MUST',
    party: 'revocation-endpoint',
    observable: 'yes',
    sentences: [],
    summary: 'Stated without a keyword: the endpoint answers 200 both when it revoked the token and when the token was invalid, unknown or already revoked.',
  },
  {
    id: '7009-2-no-http-endpoint-published',
    source: 'RFC 7009',
    section: '2',
    keyword: 'MUST NOT',
    party: 'authorization-server',
    observable: 'no',
    why: 'where a server publishes its endpoint URLs (documentation, metadata) is outside the protocol exchange',
    sentences: ['7009:2:7'],
    summary: 'A plain-HTTP revocation service, if offered, is never published as the revocation endpoint.',
  },
];
