/**
 * RingCentral's own rules: which grants each application type may use, its error dialect and its session
 * semantics. Vendor policy blocks like a MUST. `section` names the topic, since there is no numbered text.
 */
import type { Requirement } from './requirement';

const vendor = { source: 'RingCentral', observable: 'yes', sentences: [] } as const;

export const RINGCENTRAL: readonly Requirement[] = [
  {
    ...vendor,
    id: 'rc-public-app-no-password-flow',
    section: 'app types',
    keyword: 'MUST NOT',
    party: 'token-endpoint',
    summary: 'A public app, whatever its platform type, is refused the password grant with unauthorized_client.',
  },
  {
    ...vendor,
    id: 'rc-browser-and-server-web-app-no-password-flow',
    section: 'app types',
    keyword: 'MUST NOT',
    party: 'token-endpoint',
    summary: 'A private browser-based or server/web app is refused the password grant with unauthorized_client.',
  },
  {
    ...vendor,
    id: 'rc-other-private-apps-password-flow',
    section: 'app types',
    keyword: 'MUST',
    party: 'token-endpoint',
    summary: 'A private server-only, desktop or mobile app obtains working tokens with the password grant.',
  },
  {
    ...vendor,
    id: 'rc-ui-apps-code-flow',
    section: 'app types',
    keyword: 'MUST',
    party: 'authorization-endpoint',
    summary: 'An app with a user interface (public or private) obtains working tokens with the authorization code grant.',
  },
  {
    ...vendor,
    id: 'rc-no-ui-app-no-code-flow',
    section: 'app types',
    keyword: 'MUST NOT',
    party: 'authorization-server',
    summary: 'An app without a user interface is refused the authorization code flow, at the authorization and at the token endpoint.',
  },
  {
    ...vendor,
    id: 'rc-refresh-for-every-app-type',
    section: 'app types',
    keyword: 'MUST',
    party: 'token-endpoint',
    summary: 'Every app type that obtained tokens, by whichever flow, can refresh them.',
  },
  {
    ...vendor,
    id: 'rc-refused-grant-oau-251',
    section: 'error dialect',
    keyword: 'MUST',
    party: 'token-endpoint',
    summary: 'A grant refused for the app type carries errorCode OAU-251 in the errors list.',
  },
  {
    ...vendor,
    id: 'rc-error-list-beside-rfc-fields',
    section: 'error dialect',
    keyword: 'MUST',
    party: 'token-endpoint',
    summary: 'Token endpoint errors carry an errors list of errorCode and message beside the RFC error fields.',
  },
  {
    ...vendor,
    id: 'rc-wrong-password-oau-140',
    section: 'error dialect',
    keyword: 'MUST',
    party: 'token-endpoint',
    needs: 'password-grant',
    summary: "A wrong resource-owner password is answered with errorCode OAU-140.",
  },
  {
    ...vendor,
    id: 'rc-token-errors-not-cacheable',
    section: 'caching',
    keyword: 'MUST',
    party: 'token-endpoint',
    summary: 'Token endpoint error responses forbid caching too (Cache-Control: no-store, Pragma: no-cache).',
  },
  {
    ...vendor,
    id: 'rc-code-lives-a-minute',
    section: 'codes',
    keyword: 'MUST',
    party: 'token-endpoint',
    summary: 'An authorization code can no longer be redeemed once a minute has passed since it was issued.',
  },
  {
    ...vendor,
    id: 'rc-refresh-ends-previous-access-token',
    section: 'sessions',
    keyword: 'MUST',
    party: 'authorization-server',
    summary: 'After a refresh, the access token issued before it no longer works at the resource.',
  },
  {
    ...vendor,
    id: 'rc-revocation-ends-session',
    section: 'sessions',
    keyword: 'MUST',
    party: 'revocation-endpoint',
    summary: 'Revoking either token of a session ends the whole session: both tokens stop working.',
  },
];
