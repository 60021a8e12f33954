/**
 * zod's issues keyed by their top-level field, as forms show them next to each field (an issue with
 * no path is the form's own). The one translation from a validation failure to what a person reads.
 */
export function fieldErrorsOf(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return out;
}
