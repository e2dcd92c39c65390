/**
 * The redactor shared by every driver in this process. The runner reads the values it learnt to scan
 * the written reports for leaks, so all drivers must feed the same one.
 */
import { Redactor } from './redaction';

export const runRedactor = new Redactor();
