/**
 * RingCentral's application model: an application type and a platform type, fixed at creation.
 * This file names the types only; what each may do is stated by the scenarios (as expectations)
 * and by the mock's rules (as behaviour), separately, so that one can catch the other.
 */

export const APP_KINDS = [
  'public-browser-based',
  'public-desktop',
  'private-browser-based',
  'private-server-web',
  'private-server-only',
  'private-desktop',
  'private-mobile',
] as const;

export type AppKind = (typeof APP_KINDS)[number];

export type ApplicationType = 'public' | 'private';
export type PlatformType = 'browser-based' | 'server-web' | 'server-only' | 'desktop' | 'mobile';

/** Words a scenario uses for an app kind, e.g. "private server/web". */
export const APP_KIND_WORDS: Readonly<Record<AppKind, string>> = {
  'public-browser-based': 'public browser-based',
  'public-desktop': 'public desktop',
  'private-browser-based': 'private browser-based',
  'private-server-web': 'private server/web',
  'private-server-only': 'private server-only',
  'private-desktop': 'private desktop',
  'private-mobile': 'private mobile',
};
