/** JSON answers for route handlers: errors carry a message a person can read, never a stack trace. */
import { httpStatusFor, isAppError } from '@/server/domain/errors';

export function jsonOk(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export function jsonError(status: number, message: string, fieldErrors?: Record<string, string[]>): Response {
  return Response.json({ error: { message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Maps typed application errors to their status; logs anything else and answers 500 with a calm message. */
export function jsonFromError(error: unknown): Response {
  if (isAppError(error)) return jsonError(httpStatusFor[error.code], error.message, error.fieldErrors);
  console.error('Route handler failed:', error);
  return jsonError(500, 'Something went wrong on our side and nothing was changed. Please try again.');
}
