/**
 * /__mock/faults: POST a JSON fault plan (faults.ts) to make the next requests fail, GET the pending ones,
 * DELETE to clear them. Not part of any specification.
 */
import { fail } from '../dialect';
import { type FaultPlan, faultPlanProblem } from '../faults';
import { jsonReply, NO_STORE, oauthErrorReply, type Reply } from '../replies';
import type { MockRequest } from '../request';
import { limitBodySize } from '../rules/limit-body-size';
import { requireMethod } from '../rules/require-method';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

const transport = [requireMethod('GET', 'POST', 'DELETE'), limitBodySize];

export function faultControl(request: MockRequest, state: MockState): Reply {
  const rejected = firstFailure(transport, { request });
  if (rejected !== undefined) return oauthErrorReply(rejected);
  if (request.method === 'POST') {
    const plan = readPlan(request);
    const problem = typeof plan === 'string' ? plan : faultPlanProblem(plan);
    if (problem !== undefined) return oauthErrorReply(fail('invalid_request', 'OAU-101', `Fault plan: ${problem}`));
    state.faults.add(plan as FaultPlan);
    return jsonReply(201, { faults: state.faults.list() }, NO_STORE);
  }
  if (request.method === 'DELETE') state.faults.clear();
  return jsonReply(200, { faults: state.faults.list() }, NO_STORE);
}

/** The plan in a JSON body, or what is wrong with the body. */
function readPlan(request: MockRequest): FaultPlan | string {
  if (request.mediaType !== 'application/json') return 'send it as application/json';
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
  } catch {
    return 'the body is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the body must be a JSON object';
  const given = parsed as Record<string, unknown>;
  const known = ['count', 'path', 'status', 'delayMs', 'body', 'headers'];
  const unknown = Object.keys(given).filter((key) => !known.includes(key));
  if (unknown.length > 0) return `unknown member ${unknown.join(', ')} (known: ${known.join(', ')})`;
  const { count = 1, path, status, delayMs, body, headers } = given;
  if (typeof count !== 'number') return 'count must be a number';
  if (path !== undefined && typeof path !== 'string') return 'path must be a string';
  if (status !== undefined && typeof status !== 'number') return 'status must be a number';
  if (delayMs !== undefined && typeof delayMs !== 'number') return 'delayMs must be a number';
  if (body !== undefined && typeof body !== 'string') return 'body must be a string';
  if (headers !== undefined && !isStringRecord(headers)) return 'headers must be an object of strings';
  return {
    count,
    ...(path === undefined ? {} : { path }),
    ...(status === undefined ? {} : { status }),
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers }),
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
