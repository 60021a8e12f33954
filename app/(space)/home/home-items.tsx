/**
 * One line per thing that waits, in words for a person in a hard moment: who, what kind of thing, and
 * one calm next step. Never a count, never a colour that alarms; only titles, topics and names both
 * partners already see.
 */
import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import type { ComingUpItem, WaitingItem } from '@/server/domain/home/what-needs-you';
import { LocalTime } from '../../_components/local-time';
import { describePeriod } from '../commitments/format';
import styles from './home.module.css';

function Line({ children, href, action, testId }: { children: ReactNode; href: string; action: string; testId: string }) {
  return (
    <li className={styles.item} data-testid={testId}>
      <p>{children}</p>
      <Link href={href} className={styles.action}>
        {action}
      </Link>
    </li>
  );
}

const quoted = (text: string) => `“${text}”`;
const when = (date: Date) => <LocalTime iso={date} weekday />;

export function WaitingLine({ item, partnerName }: { item: WaitingItem; partnerName: string }) {
  switch (item.kind) {
    case 'talk-request':
      return (
        <Line href="/conversations" action="Answer" testId="home-talk-request">
          {item.byName} would like to talk about {quoted(item.topic)}. You can start now or suggest a time that suits you.
        </Line>
      );
    case 'talk-waiting':
      return (
        <Line href="/conversations" action="Join" testId="home-talk-waiting">
          {item.partnerName} is in the conversation about {quoted(item.topic)} and will wait for you.
        </Line>
      );
    case 'talk-open':
      return (
        <Line href="/conversations" action="Return to it" testId="home-talk-open">
          Your conversation about {quoted(item.topic)} is still open.
        </Line>
      );
    case 'pause':
      return (
        <Line href="/conversations" action="Open the conversation" testId="home-pause">
          {item.returnAgreed ? (
            <>
              Your conversation about {quoted(item.topic)} is paused until {when(item.returnAt)}.{' '}
              {item.canSayReady ? 'When you feel ready, you can say so there.' : 'Take the time you need.'}
            </>
          ) : item.returnSuggestedByPartner ? (
            <>
              Your conversation about {quoted(item.topic)} is paused. {partnerName} suggested coming back at {when(item.returnAt)}: you can agree, or suggest
              another time.
            </>
          ) : (
            <>
              Your conversation about {quoted(item.topic)} is paused. You suggested coming back at {when(item.returnAt)}; {partnerName} can agree or suggest
              another time.
            </>
          )}
        </Line>
      );
    case 'version-to-sign':
      return (
        <Line href={`/agreements/${item.agreementId}/versions/${item.number}`} action="Review and sign" testId="home-version-to-sign">
          {item.proposedByYou
            ? `You proposed version ${item.number} of ${quoted(item.title)}. It waits for your signature too, when you are ready.`
            : `${item.proposerName} proposed version ${item.number} of ${quoted(item.title)}. Read it, then sign it or ask for changes.`}
        </Line>
      );
    case 'changes-asked':
      return (
        <Line href={`/agreements/${item.agreementId}`} action="See what they asked" testId="home-changes-asked">
          {item.byName} asked for some changes to version {item.number} of {quoted(item.title)}.
        </Line>
      );
    case 'note-shared':
      return (
        <Line href={`/notes/${item.noteId}`} action="Read it" testId="home-note-shared">
          {item.authorName} shared a note with you. Read it when you have a quiet moment.
        </Line>
      );
    case 'amend-offered':
      return (
        <Line href={`/amends/${item.amendId}`} action="Read it" testId="home-amend-offered">
          {item.authorName} offered you an amend. There is no need to answer straight away.
        </Line>
      );
    case 'commitment-asked':
      return (
        <Line href={`/commitments/${item.commitmentId}`} action="Answer" testId="home-commitment-asked">
          {item.byName} asked whether you would commit to {quoted(item.text)}. You can accept it, or decline with a note.
        </Line>
      );
    case 'memory-added':
      return (
        <Line href={`/experiences/${item.experienceId}`} action="Add yours" testId="home-memory-added">
          {item.partnerName} wrote a memory of {quoted(item.title)}. You can add your own, if you like.
        </Line>
      );
  }
}

function periodsText(periods: Array<{ start: string; end: string; ended: boolean }>): ReactNode {
  return periods.map((p, i) => (
    <Fragment key={p.start}>
      {i === 0 ? '' : i === periods.length - 1 ? ' and ' : ', '}
      {describePeriod(p)}
    </Fragment>
  ));
}

export function ComingUpLine({ item }: { item: ComingUpItem }) {
  switch (item.kind) {
    case 'talk-planned':
      return (
        <Line href="/conversations" action="Open" testId="home-talk-planned">
          A conversation about {quoted(item.topic)}, planned for {when(item.at)}. You can join from five minutes before.
        </Line>
      );
    case 'check-in':
      return (
        <Line href={`/commitments/${item.commitmentId}`} action="Check in" testId="home-check-in">
          {item.mine ? `Your commitment ${quoted(item.text)}` : `${item.ownerName}’s commitment ${quoted(item.text)}`}: you can give your view of{' '}
          {periodsText(item.periods)}, when you are ready.
        </Line>
      );
    case 'commitment-review':
      return (
        <Line href={`/commitments/${item.commitmentId}`} action="Look at it" testId="home-commitment-review">
          The time you set to look again at {quoted(item.text)} together has come.
        </Line>
      );
    case 'experience-planned':
      return (
        <Line href={`/experiences/${item.experienceId}`} action="See the plan" testId="home-experience-planned">
          {quoted(item.title)}, planned for {when(item.at)}.
        </Line>
      );
  }
}
