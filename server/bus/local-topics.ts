/**
 * This instance's topic listeners, shared by both bus implementations: a message published here
 * reaches them at once (synchronously, the message itself), one arriving from another instance
 * reaches them the same way. A listener's failure is logged and never reaches the publisher.
 */
import type { TopicListener } from './realtime-bus';

export class LocalTopics {
  private readonly listeners = new Map<string, Set<TopicListener>>();

  constructor(private readonly log: (line: string) => void) {}

  subscribe(topic: string, listener: TopicListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    };
  }

  /** Calls every listener of the topic now; resolves once those that returned a promise have settled. */
  deliver(topic: string, message: unknown, fromInstance: string): Promise<void> {
    const set = this.listeners.get(topic);
    if (!set || set.size === 0) return Promise.resolve();
    const running: Promise<void>[] = [];
    for (const listener of [...set]) {
      try {
        const result = listener(message, fromInstance);
        if (result && typeof (result as Promise<void>).then === 'function') {
          running.push((result as Promise<void>).catch((error) => this.log(`bus: a listener of ${topic} failed: ${(error as Error)?.stack ?? error}`)));
        }
      } catch (error) {
        this.log(`bus: a listener of ${topic} failed: ${(error as Error)?.stack ?? error}`);
      }
    }
    return running.length ? Promise.all(running).then(() => undefined) : Promise.resolve();
  }
}
