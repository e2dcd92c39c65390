import type { Requirement } from './requirement';

export const RFC6749_10: readonly Requirement[] = [];
