/**
 * The words of the emails about a person's own account. Calm and short, and like every Mend email
 * they name nothing private: no partner, no space, nothing written in Mend. A link is the only thing
 * that acts, and it needs the person (and for an address change, their signed-in session).
 */
import type { MailMessage } from '../../mail/mail';

/**
 * The address links point at: MEND_PUBLIC_URL when set, else the address the request came to. Set
 * MEND_PUBLIC_URL on any server reachable under more than one name: a link built from a request's
 * Host header goes wherever that header says.
 */
export function linkBase(requestOrigin: string, env: Record<string, string | undefined> = process.env): string {
  return (env.MEND_PUBLIC_URL?.trim() || requestOrigin).replace(/\/+$/, '');
}

const SIGN_OFF = '\n\nMend';

export function passwordResetEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Choosing a new password for Mend',
    text:
      `Someone asked to choose a new password for the Mend account with this address. If it was you, open this link within 30 minutes:\n\n${link}\n\n` +
      `The link works once. If it was not you, you can ignore this email: nothing changes.` +
      SIGN_OFF,
  };
}

export function passwordChangedEmail(to: string): MailMessage {
  return {
    to,
    subject: 'Your Mend password was changed',
    text: `The password of your Mend account was changed, and devices signed in with the old one were signed out. If you did this, there is nothing more to do.` + SIGN_OFF,
  };
}

export function confirmNewAddressEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Confirm your new email address for Mend',
    text:
      `To use this address for your Mend account, open this link on the device where you asked for the change, within 24 hours:\n\n${link}\n\n` +
      `If you did not ask for this, you can ignore this email: nothing changes.` +
      SIGN_OFF,
  };
}

export function addressTakenEmail(to: string): MailMessage {
  return {
    to,
    subject: 'Your email address and Mend',
    text: `Someone asked to use this address for a Mend account, but it already belongs to one, so nothing changes.` + SIGN_OFF,
  };
}

export function emailChangeRequestedEmail(to: string): MailMessage {
  return {
    to,
    subject: 'A change of email address was requested for Mend',
    text:
      `A change of the email address of your Mend account was requested. It only happens once the new address is confirmed. ` +
      `If it was not you, sign in and change your password.` +
      SIGN_OFF,
  };
}
