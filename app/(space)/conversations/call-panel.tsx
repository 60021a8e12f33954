'use client';
/**
 * The optional voice call, for partners who are apart: start, join or decline, mute, hang up.
 * It says plainly that nothing is recorded and that the audio goes straight between your devices.
 */
import { useRef } from 'react';
import type { Person } from './room-kit';
import { clock } from './room-time';
import { useAudioCall } from './use-audio-call';

/** Kept mounted while the conversation is going (a pause included), so a phase change never drops the call. */
export function CallPanel({ conversationId, partner, paused, iceServers }: { conversationId: string; partner: Person; paused: boolean; iceServers: RTCIceServer[] }) {
  const remoteAudio = useRef<HTMLAudioElement | null>(null);
  const call = useAudioCall({ conversationId, partnerName: partner.name, paused, iceServers, remoteAudio });
  const inCall = call.phase === 'connecting' || call.phase === 'connected' || call.phase === 'reconnecting';
  return (
    <section className={`conv-call conv-call--${call.phase}`} aria-labelledby="call-heading" data-testid="call-panel" data-call-phase={call.phase} data-connection-state={call.connectionState}>
      <audio ref={remoteAudio} autoPlay data-testid="remote-audio" />
      <div className="conv-call-text">
        <h3 id="call-heading">{callTitle(call.phase, partner.name)}</h3>
        <p className="muted conv-call-status" role="status">
          {call.message ??
            (call.phase === 'connected' && call.connectedSince
              ? `${clock(Math.max(0, Date.now() - call.connectedSince))}${call.muted ? ' · you are muted' : ''}`
              : call.phase === 'idle'
                ? 'If you are apart, you can talk by voice here. Nothing is recorded; the sound goes straight between your two devices.'
                : call.phase === 'ringing-out'
                  ? `Waiting for ${partner.name} to join…`
                  : call.phase === 'ringing-in'
                    ? 'Nothing is recorded; the sound goes straight between your two devices.'
                    : call.phase === 'reconnecting'
                      ? 'The connection dropped. Trying to reconnect…'
                      : 'Connecting…')}
        </p>
      </div>
      <div className="conv-call-actions">
        {call.phase === 'idle' ? (
          <button type="button" className="secondary" onClick={() => void call.start()} disabled={paused}>
            Start a voice call
          </button>
        ) : null}
        {call.phase === 'ringing-in' ? (
          <>
            <button type="button" onClick={() => void call.join()}>
              Join the call
            </button>
            <button type="button" className="secondary outline" onClick={call.decline}>
              Not now
            </button>
          </>
        ) : null}
        {inCall ? (
          <button type="button" className="secondary outline" aria-pressed={call.muted} onClick={call.toggleMute}>
            {call.muted ? 'Unmute' : 'Mute'}
          </button>
        ) : null}
        {inCall || call.phase === 'ringing-out' ? (
          <button type="button" className="conv-hang-up" onClick={call.hangUp}>
            {call.phase === 'ringing-out' ? 'Cancel' : 'Hang up'}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function callTitle(phase: string, name: string): string {
  switch (phase) {
    case 'ringing-out':
      return `Calling ${name}`;
    case 'ringing-in':
      return `${name} would like to talk by voice`;
    case 'connecting':
      return `Connecting to ${name}`;
    case 'connected':
      return `In a call with ${name}`;
    case 'reconnecting':
      return `Reconnecting to ${name}`;
    default:
      return 'Voice call';
  }
}
