import type { Requirement } from './requirement';

export const RFC6749_4: readonly Requirement[] = [];
