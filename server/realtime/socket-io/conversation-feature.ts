/**
 * Live conversations over socket.io. Each step a partner takes arrives as
 * `conversation-action-to-server`, is validated (zod), decided by the protocol machine and stored as
 * an event; then each partner receives *their own* view (`conversation-state-to-client`) in their
 * person room. Views are per person because one partner's check-in must not reach the other early.
 *
 * Timers here only *notify*: the deadlines live in the stored state, and any instance computes the
 * same state from the events at any moment. A timer that never fires (restart) changes nothing but
 * when the screen updates; clients also ask again when their own countdown ends.
 *
 * A conversation ended outside this feature (its space closed) is announced with
 * publishConversationEnded (server/events/conversation-events.ts) after that change commits, and
 * both partners are sent their view the same way.
 *
 * Several instances: the partners may be connected to different instances. Each instance sends
 * views to its *own* sockets only. The instance that took a step sends its sockets their views at
 * once and announces the step on the bus (publishConversationChanged); every other instance then
 * reads the conversation from PostgreSQL (the events are the truth) and sends its sockets theirs.
 * Deadline timers are kept by each instance for the conversations its own sockets are in and wake
 * only those sockets, so a deadline reaches each screen once, never once per instance.
 */
import { eq } from 'drizzle-orm';
import { conversations } from '../../../drizzle/schema';
import { PAUSE_MINIMUM_SECONDS_DEFAULT, JOIN_EARLY_MS } from '../../domain/conversations/conversation-machine';
import { conversationActionSchema, describeInputProblem } from '../../domain/conversations/conversation-input';
import { viewConversation, type ConversationView } from '../../domain/conversations/conversation-view';
import { actOnConversation } from '../../domain/conversations/act-on-conversation';
import { findOpenConversation, loadConversation, type LoadedConversation } from '../../domain/conversations/load-conversation';
import { proposeConversation } from '../../domain/conversations/propose-conversation';
import { ProtocolRefusal } from '../../domain/conversations/protocol-refusal';
import { isAppError } from '../../domain/errors';
import { onConversationChanged, onConversationEnded, publishConversationChanged } from '../../events/conversation-events';
import { publishLiveEvent } from '../../events/live-events';
import { CONVERSATION_ACTION_TO_SERVER, CONVERSATION_STATE_REQUEST_TO_SERVER, CONVERSATION_STATE_TO_CLIENT } from './live-protocol';
import { userRoom, type LiveSocket, type SocketFeatureFactory } from './socket-feature';

export type ConversationAck = { ok: true; conversation: ConversationView } | { ok: false; code: string; reason: string };

export interface ConversationFeatureOptions {
  /** The clock; tests inject one to walk through a 20-minute pause without waiting. */
  now?: () => number;
  /**
   * Fixed into each new conversation when it is proposed. A function is asked when the feature
   * starts, so a setting read from the environment is checked after the configuration is.
   */
  pauseMinimumSeconds?: number | (() => number);
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function conversationFeature(options: ConversationFeatureOptions = {}): SocketFeatureFactory {
  const now = options.now ?? (() => Date.now());

  return ({ namespace, database, log }) => {
    const db = database.db;
    const timers = new Map<string, NodeJS.Timeout>();
    const setting = options.pauseMinimumSeconds ?? PAUSE_MINIMUM_SECONDS_DEFAULT;
    const pauseMinimumSeconds = typeof setting === 'function' ? setting() : setting;

    /** Whether any socket of these people is connected to this instance. */
    const hasLocalSockets = (userIds: readonly string[]) => userIds.some((userId) => (namespace.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0);

    // One reload at a time per conversation (one more if asked meanwhile), so views go out in order.
    const reloading = new Map<string, { again: boolean }>();
    function reloadAndSend(conversationId: string, what: string): void {
      const running = reloading.get(conversationId);
      if (running) {
        running.again = true;
        return;
      }
      const state = { again: false };
      reloading.set(conversationId, state);
      void (async () => {
        do {
          state.again = false;
          const [row] = await db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
          if (row) sendViews(await loadConversation(db, row, now()));
        } while (state.again);
      })()
        .catch((error) => log(`conversations: ${what} failed: ${(error as Error)?.stack ?? error}`))
        .finally(() => reloading.delete(conversationId));
    }

    // A conversation ended outside this feature (its space closed): both partners see the end at once.
    const stopEnded = onConversationEnded((conversationId) => reloadAndSend(conversationId, 'announcing an end'));
    // A step taken on another instance: this one's sockets get their views from the stored events.
    const stopChanged = onConversationChanged((conversationId, { publishedHere }) => {
      if (!publishedHere) reloadAndSend(conversationId, 'following a step taken elsewhere');
    });

    /** Each partner connected here gets their own view. */
    function sendViews(loaded: LoadedConversation): void {
      for (const userId of loaded.state.participants) {
        namespace.local.to(userRoom(userId)).emit(CONVERSATION_STATE_TO_CLIENT, { conversation: viewConversation(loaded.conversation.id, loaded.state, userId, now()) });
      }
      scheduleNextDeadline(loaded);
    }

    /** Wake both screens when a deadline passes (a turn ends, a pause may end, a planned time comes). */
    function scheduleNextDeadline(loaded: LoadedConversation): void {
      const id = loaded.conversation.id;
      clearTimeout(timers.get(id));
      timers.delete(id);
      const { state } = loaded;
      const t = now();
      if (!hasLocalSockets(state.participants)) return;
      const deadlines = [
        state.phase === 'floor' && !state.pause && state.floor?.step === 'speaking' ? state.floor.turnEndsAt : null,
        state.pause ? state.pause.minimumEndsAt : null,
        // The agreed return time: both screens get a calm notice when it comes.
        state.pause?.returnAgreed ? state.pause.returnAt : null,
        state.phase === 'scheduled' && state.scheduledFor !== null ? state.scheduledFor - JOIN_EARLY_MS : null,
      ].filter((d): d is number => d !== null && d > t);
      if (!deadlines.length) return;
      const delay = Math.min(Math.min(...deadlines) - t + 50, MAX_TIMER_MS);
      const timer = setTimeout(() => {
        timers.delete(id);
        if (!hasLocalSockets(state.participants)) return;
        void loadConversation(db, loaded.conversation, now())
          .then((fresh) => sendViews(fresh))
          .catch((error) => log(`conversations: deadline refresh failed: ${(error as Error)?.stack ?? error}`));
      }, delay);
      timer.unref();
      timers.set(id, timer);
    }

    async function currentView(socket: LiveSocket): Promise<ConversationView | null> {
      const { userId, spaceId } = socket.data;
      if (!spaceId) return null;
      const open = await findOpenConversation(db, spaceId);
      if (!open) return null;
      const loaded = await loadConversation(db, open, now());
      if (!loaded.state.participants.includes(userId)) return null;
      scheduleNextDeadline(loaded);
      return viewConversation(open.id, loaded.state, userId, now());
    }

    return {
      name: 'conversations',
      onConnection(socket) {
        const { userId, spaceId } = socket.data;
        void currentView(socket)
          .then((conversation) => socket.emit(CONVERSATION_STATE_TO_CLIENT, { conversation }))
          .catch((error) => log(`conversations: loading state failed: ${(error as Error)?.stack ?? error}`));

        socket.on(CONVERSATION_STATE_REQUEST_TO_SERVER, (...args: unknown[]) => {
          const ack = args.find((arg): arg is (reply: unknown) => void => typeof arg === 'function');
          if (!ack) return;
          void currentView(socket)
            .then((conversation) => ack({ ok: true, conversation }))
            .catch((error) => {
              log(`conversations: loading state failed: ${(error as Error)?.stack ?? error}`);
              ack({ ok: false, code: 'unavailable', reason: 'Could not load the conversation just now. Please try again.' });
            });
        });

        socket.on(CONVERSATION_ACTION_TO_SERVER, (payload: unknown, maybeAck: unknown) => {
          const ack = typeof maybeAck === 'function' ? (maybeAck as (reply: ConversationAck) => void) : () => undefined;
          const parsed = conversationActionSchema.safeParse(payload);
          if (!parsed.success) return ack({ ok: false, code: 'invalid', reason: describeInputProblem(parsed.error) });
          const action = parsed.data;
          const viewer = { userId };
          const done =
            action.type === 'propose'
              ? proposeConversation(db, viewer, spaceId ?? '', action, { now: now(), pauseMinimumSeconds })
              : actOnConversation(db, viewer, action, { now: now() });
          void done
            .then((loaded) => {
              sendViews(loaded);
              publishConversationChanged(loaded.conversation.id);
              // Heard by the notifier (server/notices): the partner may have asked to be told outside the app.
              if (action.type === 'propose' || action.type === 'propose-time') {
                publishLiveEvent({ spaceId: loaded.conversation.spaceId, audience: 'space', event: action.type === 'propose' ? 'conversation-proposed' : 'conversation-time-proposed', payload: { actorId: userId } });
              }
              ack({ ok: true, conversation: viewConversation(loaded.conversation.id, loaded.state, userId, now()) });
            })
            .catch((error: unknown) => {
              if (error instanceof ProtocolRefusal) return ack({ ok: false, code: error.refusal, reason: error.message });
              if (isAppError(error)) return ack({ ok: false, code: error.code, reason: error.message });
              log(`conversations: ${action.type} failed: ${(error as Error)?.stack ?? error}`);
              ack({ ok: false, code: 'unavailable', reason: 'Something went wrong on our side. Nothing was changed; please try again.' });
            });
        });
      },
      close() {
        stopEnded();
        stopChanged();
        for (const timer of timers.values()) clearTimeout(timer);
        timers.clear();
      },
    };
  };
}
