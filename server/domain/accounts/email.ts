/** Emails are compared trimmed and lower-cased, so "Sam@Example.com " and "sam@example.com" are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
