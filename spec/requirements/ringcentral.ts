import type { Requirement } from './requirement';

export const RINGCENTRAL: readonly Requirement[] = [];
