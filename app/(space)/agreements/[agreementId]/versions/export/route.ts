/** GET …/versions/export[?version=N]: the current text or a version as a Markdown download. */
import { z } from 'zod';
import { getDb } from '@/server/db/process-database';
import { exportAgreementMarkdown } from '@/server/domain/versions/export-agreement';
import { isUuid } from '@/server/access/authorization';
import { jsonError, jsonFromError } from '../../../../../_lib/json-response';
import { getViewer } from '../../../../../_lib/viewer';

const querySchema = z.object({
  version: z.union([z.undefined(), z.string().regex(/^\d{1,7}$/, 'The version must be a whole number.').transform(Number)]),
});

export async function GET(request: Request, { params }: { params: Promise<{ agreementId: string }> }): Promise<Response> {
  const { agreementId } = await params;
  const parsed = querySchema.safeParse({ version: new URL(request.url).searchParams.get('version') ?? undefined });
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Please check the address.');
  if (!isUuid(agreementId)) return jsonError(404, 'That agreement could not be found.');
  try {
    const result = await exportAgreementMarkdown(getDb(), await getViewer(), agreementId, parsed.data.version ?? null);
    return new Response(result.markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${result.filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return jsonFromError(error);
  }
}
