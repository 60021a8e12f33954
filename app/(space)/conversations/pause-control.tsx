'use client';
import { useState } from 'react';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import type { Person, Send } from './room-kit';
import { lengthOf } from './room-time';

/** The Pause button, always in reach while a conversation is going; no reason asked. */
export function PauseControl({ view, now, partner, busy, act }: { view: ConversationView; now: number; partner: Person; busy: boolean; act: Send }) {
  const [open, setOpen] = useState(false);
  const minimum = view.pauseMinimumSeconds;
  // In seconds; the first choice is the minimum itself.
  const choices = [...new Set([minimum, 30 * 60, 60 * 60, 2 * 3600, 4 * 3600, 24 * 3600].filter((s) => s >= minimum))];
  const [seconds, setSeconds] = useState(choices[0]!);
  return (
    <aside className="conv-pause-control" aria-label="Pause">
      {open ? (
        <form
          className="conv-pause-form"
          onSubmit={async (event) => {
            event.preventDefault();
            // The minimum gets a few seconds more, so the time the request takes cannot push it under.
            const returnAt = Math.round(now + seconds * 1000 + (seconds === minimum ? 5_000 : 0));
            const result = await act({ type: 'pause', conversationId: view.id, returnAt });
            if (result.ok) setOpen(false);
          }}
        >
          <p>
            <strong>Pause.</strong> No reason needed. A pause lasts at least {lengthOf(minimum)}; nothing else happens until you are both ready.
          </p>
          <label>
            Come back in
            <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))}>
              {choices.map((s) => (
                <option key={s} value={s}>
                  {s === 24 * 3600 ? '24 hours' : s >= 3600 ? `${s / 3600} hour${s === 3600 ? '' : 's'}` : lengthOf(s)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted conv-pause-hint">This is a suggestion: {partner.name} agrees to it or suggests another time.</p>
          <div className="conv-row-actions">
            <button type="submit" className="conv-pause-button" disabled={busy}>
              Pause now
            </button>
            <button type="button" className="secondary outline" onClick={() => setOpen(false)}>
              Not now
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="conv-pause-button" onClick={() => setOpen(true)} disabled={busy}>
          Pause
        </button>
      )}
    </aside>
  );
}
