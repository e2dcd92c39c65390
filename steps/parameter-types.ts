/** Domain words in scenarios, parsed once: app kinds, OAuth error codes, flows, token placements. */
import { defineParameterType } from '@cucumber/cucumber';
import { APP_KIND_WORDS, type AppKind } from '../spec/app-types';
import { isOAuthErrorCode, type OAuthErrorCode } from '../spec/oauth-errors';
import type { TokenPlacement } from '../driver/driver';

const kindByWords = new Map(Object.entries(APP_KIND_WORDS).map(([kind, words]) => [words, kind as AppKind]));

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

defineParameterType({
  name: 'appType',
  regexp: new RegExp([...kindByWords.keys()].map(escape).join('|')),
  transformer: (words: string): AppKind => kindByWords.get(words) as AppKind,
});

defineParameterType({
  name: 'oauthError',
  regexp: /[a-z_]+/,
  transformer: (code: string): OAuthErrorCode => {
    if (!isOAuthErrorCode(code)) throw new Error(`"${code}" is not an OAuth error code the harness knows`);
    return code;
  },
});

export type Flow = 'password' | 'jwt' | 'authorization code';

defineParameterType({
  name: 'flow',
  regexp: /password|JWT|authorization code/,
  transformer: (flow: string): Flow => (flow === 'JWT' ? 'jwt' : (flow as Flow)),
});

export type Outcome = 'allowed' | 'refused';

defineParameterType({ name: 'outcome', regexp: /allowed|refused/, transformer: (o: string) => o as Outcome });

const PLACEMENTS: Readonly<Record<string, TokenPlacement>> = {
  'authorization header': 'header',
  'form body': 'body',
  'query string': 'query',
};

defineParameterType({
  name: 'placement',
  regexp: new RegExp(Object.keys(PLACEMENTS).join('|')),
  transformer: (words: string): TokenPlacement => PLACEMENTS[words] as TokenPlacement,
});

defineParameterType({ name: 'vendorCode', regexp: /[A-Z]{3}-\d{3}/, transformer: (code: string) => code });
