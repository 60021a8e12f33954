/** One sentence per activity type. Features add their types to server/domain/activity/record-activity.ts and a sentence here. */
export interface ActivityView {
  id: string;
  type: string;
  data: Record<string, unknown>;
  actorName: string | null;
  createdAt: string;
  mine: boolean;
}

export function describeActivity(item: ActivityView): string {
  const who = item.mine ? 'You' : (item.actorName ?? 'Someone');
  switch (item.type) {
    case 'space-created':
      return `${who} created the space “${String(item.data.name ?? '')}”.`;
    case 'member-joined':
      return `${who} joined the space.`;
    case 'member-left':
      return `${who} left the space.`;
    case 'invite-created':
      return `${who} made an invite link.`;
    case 'invite-revoked':
      return `${who} withdrew an invite link.`;
    case 'agreement-created':
      return `${who} started the agreement “${String(item.data.title ?? '')}”.`;
    case 'agreement-renamed':
      return `${who} renamed the agreement “${String(item.data.from ?? '')}” to “${String(item.data.to ?? '')}”.`;
    case 'agreement-archived':
      return `${who} archived the agreement “${String(item.data.title ?? '')}”.`;
    case 'agreement-unarchived':
      return `${who} brought back the agreement “${String(item.data.title ?? '')}” from the archive.`;
    case 'note-shared':
      return `${who} shared a note.`;
    case 'note-acknowledged':
      return `${who} acknowledged a note.`;
    case 'note-replied':
      return `${who} replied to a note.`;
    case 'note-retracted':
      return `${who} retracted a note.`;
    case 'version-proposed':
      return `${who} proposed version ${String(item.data.number ?? '')} of “${String(item.data.title ?? '')}”.`;
    case 'version-signed':
      return item.data.inEffect
        ? `${who} signed version ${String(item.data.number ?? '')} of “${String(item.data.title ?? '')}”. It is now in effect.`
        : `${who} signed version ${String(item.data.number ?? '')} of “${String(item.data.title ?? '')}”.`;
    case 'version-changes-requested':
      return `${who} asked for changes to version ${String(item.data.number ?? '')} of “${String(item.data.title ?? '')}”.`;
    case 'agreement-restored':
      return `${who} restored “${String(item.data.title ?? '')}” from ${String(item.data.from ?? 'an earlier point')}.`;
    case 'conversation-proposed':
      return `${who} proposed a conversation about “${String(item.data.topic ?? '')}”.`;
    case 'conversation-ended':
      return item.data.started ? `${who} ended the conversation about “${String(item.data.topic ?? '')}”.` : `${who} called off the conversation about “${String(item.data.topic ?? '')}”.`;
    case 'commitment-created':
      return `${who} made a commitment: “${String(item.data.text ?? '')}”.`;
    case 'commitment-requested':
      return `${who} asked for a commitment: “${String(item.data.text ?? '')}”.`;
    case 'commitment-accepted':
      return `${who} accepted the commitment “${String(item.data.text ?? '')}”.`;
    case 'commitment-declined':
      return `${who} declined the commitment “${String(item.data.text ?? '')}”.`;
    case 'commitment-paused':
      return `${who} paused the commitment “${String(item.data.text ?? '')}”.`;
    case 'commitment-resumed':
      return `${who} resumed the commitment “${String(item.data.text ?? '')}”.`;
    case 'commitment-changed':
      return `${who} changed the words of a commitment: “${String(item.data.text ?? '')}”.`;
    case 'commitment-completed':
      return `${who} completed the commitment “${String(item.data.text ?? '')}”.`;
    case 'commitment-checked-in':
      return item.data.both
        ? `${who} checked in on “${String(item.data.text ?? '')}”. You can both see each other’s view now.`
        : `${who} checked in on “${String(item.data.text ?? '')}”.`;
    case 'amend-offered':
      return `${who} offered an amend.`;
    case 'amend-received':
      return `${who} received an amend.`;
    case 'amend-affected-shared':
      return `${who} ${item.data.changed ? 'changed' : 'wrote'} how it affected ${item.mine ? 'you' : 'them'}, beside an amend.`;
    case 'amend-withdrawn':
      return `${who} withdrew an amend.`;
    case 'experience-added':
      return `${who} added an idea to do together: “${String(item.data.title ?? '')}”.`;
    case 'experience-planned':
      return `${who} planned “${String(item.data.title ?? '')}”.`;
    case 'experience-done':
      return `${who} marked “${String(item.data.title ?? '')}” as done.`;
    case 'experience-memory-added':
      return `${who} added a memory of “${String(item.data.title ?? '')}”.`;
    case 'experience-removed':
      return `${who} took “${String(item.data.title ?? '')}” off the list of things to do together.`;
    default:
      return `${who} made a change.`;
  }
}
