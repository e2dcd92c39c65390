/** GET or POST /__mock/clock: reads or advances the mock's clock, so expiry is tested without waiting. */
import { fail } from '../dialect';
import { jsonReply, NO_STORE, oauthErrorReply, type Reply } from '../replies';
import { isFormEncoded, type MockRequest } from '../request';
import { firstFailure } from '../rule';
import type { MockState } from '../state';

/** A century: far beyond every lifetime the mock knows, small enough to keep dates valid. */
const MAX_ADVANCE_SECONDS = 100 * 365 * 24 * 3600;

export function clockControl(request: MockRequest, state: MockState): Reply {
  const rejected = firstFailure(state.pipeline.clockControl.transport, { request });
  if (rejected !== undefined) return oauthErrorReply(rejected);
  if (request.method === 'POST') {
    const seconds = advanceSeconds(request);
    if (seconds === undefined) {
      return oauthErrorReply(
        fail('invalid_request', 'OAU-101', `advanceSeconds must be a positive number of seconds, at most ${MAX_ADVANCE_SECONDS}`),
      );
    }
    state.clock.advance(seconds);
  }
  return jsonReply(200, { now: state.clock.nowMs() }, NO_STORE);
}

/** advanceSeconds from a JSON or form body; undefined when absent or not a positive number. */
function advanceSeconds(request: MockRequest): number | undefined {
  const raw = request.mediaType === 'application/json' ? jsonField(request.body, 'advanceSeconds') : formField(request);
  const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  return seconds > 0 && seconds <= MAX_ADVANCE_SECONDS ? seconds : undefined;
}

function jsonField(body: Buffer, name: string): unknown {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}

function formField(request: MockRequest): string | undefined {
  const { form } = request;
  if (!isFormEncoded(request) || form.problem !== undefined || form.repeatedNames().length > 0) return undefined;
  return form.get('advanceSeconds');
}
