'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createInvite } from '@/server/domain/spaces/create-invite';
import { createSpace } from '@/server/domain/spaces/create-space';
import { leaveSpace } from '@/server/domain/spaces/leave-space';
import { revokeInvite } from '@/server/domain/spaces/revoke-invite';
import { type ActionState, formValues, invalid } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';
import { headers } from 'next/headers';

const spaceNameSchema = z.object({
  name: z.string().trim().min(1, 'Give your space a name, for example "Alex & Sam".').max(80, 'Keep the name under 80 characters.'),
});
const spaceIdSchema = z.object({ spaceId: z.uuid({ error: 'That space could not be found.' }) });
const inviteIdSchema = spaceIdSchema.extend({ inviteId: z.uuid({ error: 'That invite could not be found.' }) });

export async function createSpaceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['name']);
  const parsed = spaceNameSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  return authedAction(async ({ viewer, db }) => {
    await createSpace(db, viewer.userId, parsed.data.name);
    revalidatePath('/space');
    return { ok: true, message: 'Your space is ready.' };
  }, values);
}

export async function createInviteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = spaceIdSchema.safeParse(formValues(formData, ['spaceId']));
  if (!parsed.success) return invalid(parsed.error);
  return authedAction(async ({ viewer, db }) => {
    const { token, invite } = await createInvite(db, viewer, parsed.data.spaceId);
    const origin = await requestOrigin();
    revalidatePath('/space');
    return {
      ok: true,
      message: 'Invite link created. Send it to your partner: it works once, for 7 days.',
      data: { link: `${origin}/invite/${token}`, expiresAt: invite.expiresAt.toISOString() },
    };
  });
}

export async function revokeInviteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = inviteIdSchema.safeParse(formValues(formData, ['spaceId', 'inviteId']));
  if (!parsed.success) return invalid(parsed.error);
  return authedAction(async ({ viewer, db }) => {
    await revokeInvite(db, viewer, parsed.data.spaceId, parsed.data.inviteId);
    revalidatePath('/space');
    return { ok: true, message: 'The invite link was withdrawn. It no longer works.' };
  });
}

export async function leaveSpaceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = spaceIdSchema.safeParse(formValues(formData, ['spaceId']));
  if (!parsed.success) return invalid(parsed.error);
  if (formData.get('confirm') !== 'yes') {
    return { ok: false, fieldErrors: { confirm: ['Tick the box to confirm that you want to leave.'] }, message: 'Please confirm first.' };
  }
  const result = await authedAction(async ({ viewer, db }) => {
    await leaveSpace(db, viewer, parsed.data.spaceId);
    return { ok: true };
  });
  if (!result.ok) return result;
  revalidatePath('/space');
  redirect('/space?left=1');
}

async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}
