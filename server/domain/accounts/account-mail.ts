import { sendMail, type MailMessage } from '../../mail/mail';

/**
 * Sends an email about a person's account after the change it describes has been made. A mail
 * server being down must not turn a done change into "nothing was changed": the failure is logged
 * (without the address or the words) and the change stands.
 */
export async function sendAccountMail(message: MailMessage): Promise<void> {
  try {
    await sendMail(message);
  } catch (error) {
    console.error(`[mail] an account email could not be sent: ${(error as Error)?.message ?? error}`);
  }
}
