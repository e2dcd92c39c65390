import type { Requirement } from './requirement';

export const RFC6750: readonly Requirement[] = [];
