export { sendMail, closeMail, mailConfigProblem, mailSettings, DEFAULT_MAIL_FROM } from './mail';
export type { MailMessage, MailDelivery } from './mail';
