import type { Requirement } from './requirement';

export const RFC7636: readonly Requirement[] = [];
