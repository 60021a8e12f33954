/** The activity list as the page and GET /space/activity hand it to the browser: plain JSON, per viewer. */
import type { ActivityPage } from '@/server/domain/activity/list-activity-page';
import type { ActivityView } from './describe-activity';

export interface ActivityListItem extends ActivityView {
  /** Came after this person last looked, and was the partner's doing (never their own). */
  isNew: boolean;
}

export interface ActivityListPage {
  items: ActivityListItem[];
  nextCursor: string | null;
}

export function toActivityListPage(page: ActivityPage, viewerId: string): ActivityListPage {
  return {
    items: page.items.map((item) => ({
      id: item.id,
      type: item.type,
      data: item.data,
      actorName: item.actorName,
      createdAt: item.createdAt.toISOString(),
      mine: item.actorId === viewerId,
      isNew: item.isNew,
    })),
    nextCursor: page.nextCursor,
  };
}
