import type { Requirement } from './requirement';

export const RFC6749_5_11: readonly Requirement[] = [];
