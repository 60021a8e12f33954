import { AppError } from '../errors';
import type { Refusal, RefusalCode } from './conversation-machine';

/** The protocol said no. Carries the machine's code and its reason, which is safe to show. */
export class ProtocolRefusal extends AppError {
  readonly refusal: RefusalCode;
  constructor(refusal: Refusal) {
    super('conflict', refusal.reason);
    this.refusal = refusal.code;
  }
}
