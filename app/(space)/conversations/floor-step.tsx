'use client';
/**
 * The floor: whose turn it is, in words and colour; what to do now (floor-moments.tsx); the speaker's
 * written words for partners who are apart; and how you both checked in, in view rather than folded
 * away.
 */
import { BothCheckIns } from './check-in-card';
import { confirmedMoment, confirmingMoment, moreAskedMoment, reflectingMoment, speakingMoment, type Moment } from './floor-moments';
import { Step, type StepProps } from './room-kit';
import { SpeakerWords } from './speaker-words';

const moments: Record<string, (props: StepProps & { now: number; speaking: boolean }) => Moment> = {
  speaking: speakingMoment,
  reflecting: reflectingMoment,
  confirming: confirmingMoment,
  confirmed: confirmedMoment,
  'more-asked': moreAskedMoment,
};

export function FloorStep(props: StepProps & { now: number }) {
  const { view, partner, busy, act } = props;
  const floor = view.floor!;
  const speaking = floor.yourRole === 'speaker';
  const moment = moments[floor.step]!({ ...props, speaking });
  const mine = view.checkIn.mine;
  const partners = view.checkIn.partners;
  return (
    <>
      {mine && partners ? (
        <section className="conv-check-ins" aria-label="How you both checked in">
          <BothCheckIns mine={mine} partners={partners} partnerName={partner.name} compact />
        </section>
      ) : null}
      <p className={`conv-role-banner role-banner--${speaking ? 'speak' : 'listen'}`} data-testid="role-banner">
        <strong>{speaking ? 'You are speaking' : 'You are listening'}</strong>
        <span>
          Speaker: {speaking ? 'You' : partner.name} · Listener: {speaking ? partner.name : 'You'}
        </span>
      </p>
      <Step title={moment.title} lead={moment.lead} top={moment.top} tone={speaking ? 'speak' : 'listen'}>
        {moment.body}
      </Step>
      <SpeakerWords view={view} partner={partner} />
      {speaking ? (
        <p className="conv-next-steps-move">
          <button
            type="button"
            className="secondary outline"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Stop taking turns and write next steps together?')) void act({ type: 'move-to-next-steps', conversationId: view.id });
            }}
          >
            Move on to next steps
          </button>
          <small className="muted">Only the speaker can move you both on.</small>
        </p>
      ) : (
        <p className="conv-next-steps-move muted" data-testid="next-steps-by-speaker">
          When {partner.name} has said what they need to, they can move you both on to next steps.
        </p>
      )}
    </>
  );
}
