/**
 * The bus of a single Mend process (the default, no REDIS_URL): topics reach this process's
 * listeners; there are no other instances, so document channels carry nothing and a request for a
 * document's unwritten state has no one to ask.
 */
import { randomUUID } from 'node:crypto';
import { LocalTopics } from './local-topics';
import type { BusHealth, DocumentChannelHandlers, RealtimeBus, TopicListener } from './realtime-bus';

export class InProcessBus implements RealtimeBus {
  readonly instanceId: string;
  readonly kind = 'in-process' as const;
  private readonly topics: LocalTopics;

  constructor(options: { instanceId?: string; log?: (line: string) => void } = {}) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.topics = new LocalTopics(options.log ?? ((line) => console.error(line)));
  }

  publish(topic: string, message: unknown): Promise<void> {
    return this.topics.deliver(topic, message, this.instanceId);
  }

  subscribe(topic: string, listener: TopicListener): () => void {
    return this.topics.subscribe(topic, listener);
  }

  async joinDocument(_documentId: string, _handlers: DocumentChannelHandlers): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  publishDocument(): void {}

  async requestDocument(): Promise<Uint8Array[]> {
    return [];
  }

  onResync(): () => void {
    return () => undefined;
  }

  health(): BusHealth {
    return { ok: true, detail: 'in-process (one instance, no Redis)' };
  }

  async close(): Promise<void> {}
}
