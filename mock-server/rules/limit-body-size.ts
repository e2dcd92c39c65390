// Rule: a request body larger than 64 KiB is refused with 413, never buffered (robustness; RFC 6749 §5.2 invalid_request).
import { fail } from '../dialect';
import { BODY_LIMIT_BYTES, type MockRequest } from '../request';
import type { Rule } from '../rule';

export const limitBodySize: Rule<{ readonly request: MockRequest }> = ({ request }) =>
  request.bodyTooLarge
    ? fail('invalid_request', 'OAU-101', `The request body exceeds ${BODY_LIMIT_BYTES} bytes`, { status: 413 })
    : undefined;
