'use client';
/**
 * An optional audio call between the two partners inside a conversation, browser to browser
 * (WebRTC). The server only relays the signalling (call-signalling.ts) to the partner; the audio
 * never passes through Mend and nothing is recorded anywhere.
 *
 * The flow: one rings; the other's page offers "Join"; the joining device says so; the caller's
 * device makes the offer to that device; answer and ICE candidates follow. Either can hang up.
 * A pause or the end of the conversation hangs up on both pages (and the server refuses to ring
 * then), because a pause is time apart.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallSignal, CallSignalDelivery } from '@/server/domain/conversations/live-relay-input';
import { CALL_SIGNAL_TO_CLIENT, CALL_SIGNAL_TO_SERVER, type RelayAck } from '@/server/realtime/socket-io/call-protocol';
import { useLiveEvent, useLiveSocket } from '../../_components/live/live-connection';

export type CallPhase = 'idle' | 'ringing-out' | 'ringing-in' | 'connecting' | 'connected' | 'reconnecting';

export interface AudioCall {
  phase: CallPhase;
  /** The RTCPeerConnection's own state, as the browser reports it ('new', 'connecting', 'connected', …). */
  connectionState: RTCPeerConnectionState | 'none';
  muted: boolean;
  /** A calm sentence about the last thing that happened (the partner hung up, the microphone was refused…). */
  message: string | null;
  connectedSince: number | null;
  start(): Promise<void>;
  join(): Promise<void>;
  decline(): void;
  hangUp(): void;
  toggleMute(): void;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function microphoneProblem(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'Mend may not use your microphone. Allow it for this site in the browser’s settings, then try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found on this device.';
  if (name === 'NotReadableError') return 'Your microphone is in use by another program.';
  return 'Your microphone could not be opened. Check the browser’s permission for this site.';
}

const ENDED_BY_PAUSE = 'The call ended with the pause. You can call again when you both carry on.';

export function useAudioCall({ conversationId, partnerName, paused, iceServers, remoteAudio }: {
  conversationId: string;
  partnerName: string;
  /** While paused no call goes on: a call hangs up, on both pages, saying why. */
  paused: boolean;
  iceServers: RTCIceServer[];
  remoteAudio: React.RefObject<HTMLAudioElement | null>;
}): AudioCall {
  const { socket } = useLiveSocket();
  const [phase, setPhase] = useState<CallPhase>('idle');
  const [connectionState, setConnectionState] = useState<AudioCall['connectionState']>('none');
  const [muted, setMuted] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [connectedSince, setConnectedSince] = useState<number | null>(null);
  // One page, one device id, kept across reconnections of the live socket.
  const device = useRef(randomId());
  const call = useRef<{ id: string; peerDevice: string | null; pc: RTCPeerConnection | null; stream: MediaStream | null; pendingIce: RTCIceCandidateInit[] } | null>(null);
  const phaseRef = useRef<CallPhase>('idle');
  phaseRef.current = phase;

  const send = useCallback(
    (signal: CallSignal, callId: string, toDevice: string | null) =>
      new Promise<RelayAck>((resolve) => {
        if (!socket?.connected) return resolve({ ok: false, code: 'offline', reason: 'Not connected right now.' });
        socket.timeout(10_000).emit(CALL_SIGNAL_TO_SERVER, { conversationId, callId, fromDevice: device.current, toDevice, signal }, (error: Error | null, ack?: RelayAck) =>
          resolve(error || !ack ? { ok: false, code: 'timeout', reason: 'The server did not answer.' } : ack),
        );
      }),
    [socket, conversationId],
  );

  const cleanUp = useCallback((note: string | null) => {
    const current = call.current;
    call.current = null;
    current?.stream?.getTracks().forEach((track) => track.stop());
    if (current?.pc) {
      current.pc.onicecandidate = null;
      current.pc.ontrack = null;
      current.pc.onconnectionstatechange = null;
      current.pc.close();
    }
    if (remoteAudio.current) remoteAudio.current.srcObject = null;
    setPhase('idle');
    setConnectionState('none');
    setMuted(false);
    setConnectedSince(null);
    setMessage(note);
  }, [remoteAudio]);

  const makePeer = useCallback(
    (callId: string, stream: MediaStream) => {
      const pc = new RTCPeerConnection({ iceServers });
      for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
      pc.onicecandidate = (event) => {
        if (event.candidate && call.current?.id === callId) void send({ kind: 'ice', candidate: event.candidate.toJSON() as never }, callId, call.current.peerDevice);
      };
      pc.ontrack = (event) => {
        const audio = remoteAudio.current;
        if (!audio) return;
        audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
        void audio.play().catch(() => undefined);
      };
      pc.onconnectionstatechange = () => {
        if (call.current?.pc !== pc) return;
        setConnectionState(pc.connectionState);
        if (pc.connectionState === 'connected') {
          setPhase('connected');
          setConnectedSince((since) => since ?? Date.now());
          setMessage(null);
        } else if (pc.connectionState === 'disconnected') {
          setPhase('reconnecting');
        } else if (pc.connectionState === 'failed') {
          void send({ kind: 'hang-up' }, callId, null);
          cleanUp(
            iceServers.length
              ? 'The call could not connect. Try again in a moment.'
              : 'The call could not connect. Without a relay server configured for this Mend, calls connect only when both devices can reach each other directly (for example on the same network).',
          );
        }
      };
      return pc;
    },
    [iceServers, send, cleanUp, remoteAudio],
  );

  /** The microphone, or a sentence saying why not. */
  const openMicrophone = async (): Promise<{ stream: MediaStream } | { problem: string }> => {
    if (!navigator.mediaDevices?.getUserMedia) return { problem: 'This browser cannot make calls here (calls need a secure https address).' };
    try {
      return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: false }) };
    } catch (error) {
      return { problem: microphoneProblem(error) };
    }
  };

  const start = async () => {
    if (call.current) return;
    setMessage(null);
    const opened = await openMicrophone();
    if ('problem' in opened) return setMessage(opened.problem);
    const stream = opened.stream;
    const id = crypto.randomUUID();
    call.current = { id, peerDevice: null, pc: null, stream, pendingIce: [] };
    setPhase('ringing-out');
    const ack = await send({ kind: 'ring' }, id, null);
    if (!ack.ok && call.current?.id === id) cleanUp(ack.reason);
  };

  const join = async () => {
    const current = call.current;
    if (!current || phaseRef.current !== 'ringing-in') return;
    setMessage(null);
    const opened = await openMicrophone();
    if ('problem' in opened) {
      // The caller is not left waiting: they hear that this side cannot join now.
      void send({ kind: 'decline' }, current.id, null);
      return cleanUp(opened.problem);
    }
    const stream = opened.stream;
    if (call.current !== current) {
      // The call ended while the browser was asking for the microphone.
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    current.stream = stream;
    current.pc = makePeer(current.id, stream);
    setPhase('connecting');
    const ack = await send({ kind: 'join' }, current.id, current.peerDevice);
    if (!ack.ok && call.current === current) cleanUp(ack.reason);
  };

  const decline = () => {
    const current = call.current;
    if (!current) return;
    void send({ kind: 'decline' }, current.id, null);
    cleanUp(null);
  };

  const hangUp = useCallback(() => {
    const current = call.current;
    if (!current) return;
    // To every device of the partner: one that is still ringing stops too.
    void send({ kind: 'hang-up' }, current.id, null);
    cleanUp('You hung up.');
  }, [send, cleanUp]);

  const toggleMute = () => {
    const track = call.current?.stream?.getAudioTracks()[0];
    if (!track) return;
    track.enabled = !track.enabled;
    setMuted(!track.enabled);
  };

  useLiveEvent<CallSignalDelivery>(CALL_SIGNAL_TO_CLIENT, (frame) => {
    if (frame.conversationId !== conversationId) return;
    if (frame.toDevice !== null && frame.toDevice !== device.current) return;
    void handleSignal(frame).catch(() => cleanUp('The call could not be set up. Try again.'));
  });

  async function handleSignal(frame: CallSignalDelivery): Promise<void> {
    const { signal } = frame;
    const current = call.current;
    if (signal.kind === 'ring') {
      // Both rang at once: the call with the smaller id wins, on both pages alike.
      if (current && phaseRef.current === 'ringing-out' && !current.peerDevice && frame.callId < current.id) {
        current.stream?.getTracks().forEach((track) => track.stop());
        call.current = { id: frame.callId, peerDevice: frame.fromDevice, pc: null, stream: null, pendingIce: [] };
        setPhase('ringing-in');
        return;
      }
      if (current) return;
      call.current = { id: frame.callId, peerDevice: frame.fromDevice, pc: null, stream: null, pendingIce: [] };
      setMessage(null);
      setPhase('ringing-in');
      return;
    }
    if (!current || current.id !== frame.callId) return;
    switch (signal.kind) {
      case 'join': {
        if (phaseRef.current !== 'ringing-out' || !current.stream) return;
        current.peerDevice = frame.fromDevice;
        current.pc = makePeer(current.id, current.stream);
        setPhase('connecting');
        const offer = await current.pc.createOffer();
        await current.pc.setLocalDescription(offer);
        await send({ kind: 'offer', sdp: offer.sdp ?? '' }, current.id, current.peerDevice);
        return;
      }
      case 'offer': {
        if (!current.pc || frame.fromDevice !== current.peerDevice) return;
        await current.pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await flushIce(current);
        const answer = await current.pc.createAnswer();
        await current.pc.setLocalDescription(answer);
        await send({ kind: 'answer', sdp: answer.sdp ?? '' }, current.id, current.peerDevice);
        return;
      }
      case 'answer': {
        if (!current.pc || frame.fromDevice !== current.peerDevice) return;
        await current.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await flushIce(current);
        return;
      }
      case 'ice': {
        if (frame.fromDevice !== current.peerDevice) return;
        if (current.pc?.remoteDescription) await current.pc.addIceCandidate(signal.candidate);
        else current.pendingIce.push(signal.candidate);
        return;
      }
      case 'decline':
        cleanUp(`${partnerName} cannot join the call right now.`);
        return;
      case 'hang-up':
        // A hang-up from another of the partner's devices (one that never joined) is not this call's end.
        if (current.peerDevice && frame.fromDevice !== current.peerDevice) return;
        cleanUp(signal.reason === 'paused' ? ENDED_BY_PAUSE : phaseRef.current === 'ringing-in' ? `${partnerName} stopped calling.` : `${partnerName} hung up.`);
        return;
    }
  }

  async function flushIce(current: NonNullable<typeof call.current>): Promise<void> {
    for (const candidate of current.pendingIce.splice(0)) await current.pc?.addIceCandidate(candidate);
  }

  // A pause or the end hangs up, as a person would expect; so does leaving the page.
  useEffect(() => {
    if (paused && call.current) {
      // Both pages hear of the pause; whichever hears first tells the other why, so neither reads "hung up".
      void send({ kind: 'hang-up', reason: 'paused' }, call.current.id, null);
      cleanUp(ENDED_BY_PAUSE);
    }
  }, [paused, send, cleanUp]);
  const hangUpRef = useRef(hangUp);
  hangUpRef.current = hangUp;
  useEffect(() => {
    // A reload or a closed tab runs no React clean-up: say goodbye on the way out, so the partner's page does not hang on.
    const leave = () => hangUpRef.current();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      hangUpRef.current();
    };
  }, []);

  return { phase, connectionState, muted, message, connectedSince, start, join, decline, hangUp, toggleMute };
}
