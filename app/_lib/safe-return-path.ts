/** Only same-site paths are followed after sign-in, so a crafted link cannot send someone elsewhere. */
export function safeReturnPath(value: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
