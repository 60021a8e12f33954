/**
 * Headers Mend's HTTP server sets on every request before Next sees it. Any value a client sends
 * under these names is overwritten, so pages can trust them.
 */
/** The client's network address (for sign-in throttling). */
export const CLIENT_ADDRESS_HEADER = 'x-mend-client-address';
/** The requested path and query (layouts cannot see it otherwise; used to come back after sign-in). */
export const REQUEST_PATH_HEADER = 'x-mend-request-path';
