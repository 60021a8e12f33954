/**
 * Typed application errors. Domain functions throw these; routes, actions and sockets map them to a
 * response a person understands. Anything else is a bug: logged in full, shown as a generic message.
 */
export type AppErrorCode =
  | 'not-found'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid-input'
  | 'conflict'
  | 'rate-limited'
  | 'gone';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** Safe to show to the user. */
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'That page') => new AppError('not-found', `${what} could not be found.`);
export const forbidden = (message = 'You do not have access to this.') => new AppError('forbidden', message);
export const unauthenticated = () => new AppError('unauthenticated', 'Please sign in to continue.');
export const conflict = (message: string) => new AppError('conflict', message);
export const invalidInput = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError('invalid-input', message, fieldErrors);

export const httpStatusFor: Record<AppErrorCode, number> = {
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 401,
  'invalid-input': 400,
  conflict: 409,
  'rate-limited': 429,
  gone: 410,
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && 'code' in error;
}
