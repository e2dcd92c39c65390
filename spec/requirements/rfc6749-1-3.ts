import type { Requirement } from './requirement';

export const RFC6749_1_3: readonly Requirement[] = [];
