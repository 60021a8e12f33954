import { eq, inArray } from 'drizzle-orm';
import { experienceMemories, photos, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';

/** One partner's memory as both may see it: memories are shared with the partner from the start. */
export interface MemoryView {
  authorId: string;
  authorName: string;
  mine: boolean;
  text: string;
  /** Fetched through the photo route, which asks the authorization module again. */
  photo: { url: string; width: number; height: number } | null;
  updatedAt: Date;
}

export function photoUrl(photoId: string): string {
  return `/experiences/photos/${photoId}`;
}

/** Memories of these experiences, by experience. Callers must have authorized the viewer for their space. */
export async function memoriesOf(db: Executor, experienceIds: string[], viewerId: string): Promise<Map<string, MemoryView[]>> {
  const byExperience = new Map<string, MemoryView[]>();
  if (experienceIds.length === 0) return byExperience;
  const rows = await db
    .select({
      experienceId: experienceMemories.experienceId,
      authorId: experienceMemories.authorId,
      authorName: users.name,
      text: experienceMemories.text,
      photoId: experienceMemories.photoId,
      width: photos.width,
      height: photos.height,
      createdAt: experienceMemories.createdAt,
      updatedAt: experienceMemories.updatedAt,
    })
    .from(experienceMemories)
    .innerJoin(users, eq(users.id, experienceMemories.authorId))
    .leftJoin(photos, eq(photos.id, experienceMemories.photoId))
    .where(inArray(experienceMemories.experienceId, experienceIds))
    .orderBy(experienceMemories.createdAt);
  for (const row of rows) {
    const list = byExperience.get(row.experienceId) ?? [];
    list.push({
      authorId: row.authorId,
      authorName: row.authorName,
      mine: row.authorId === viewerId,
      text: row.text,
      photo: row.photoId && row.width && row.height ? { url: photoUrl(row.photoId), width: row.width, height: row.height } : null,
      updatedAt: row.updatedAt,
    });
    byExperience.set(row.experienceId, list);
  }
  return byExperience;
}

/** The viewer's own memory first, then the partner's: the order both views show them side by side. */
export function mineThenPartner(memories: MemoryView[]): { mine: MemoryView | null; partner: MemoryView | null } {
  return { mine: memories.find((m) => m.mine) ?? null, partner: memories.find((m) => !m.mine) ?? null };
}
