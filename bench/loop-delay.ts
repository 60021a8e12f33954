import { PerformanceObserver } from 'node:perf_hooks';

/**
 * How late a 5 ms timer fires, sampled only while started: the time a message may wait before its
 * process gets to it. (perf_hooks' monitor counts a disable/enable pause as one long delay.) Also
 * the longest garbage-collection pause while started, which is what most long delays turn out to be.
 */
export class LoopDelaySampler {
  private readonly delays: number[] = [];
  private gcMax = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.gcMax = Math.max(this.gcMax, entry.duration);
  });

  start(): void {
    if (this.timer) return;
    let expected = performance.now() + 5;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.delays.push(Math.max(0, now - expected));
      expected = now + 5;
    }, 5);
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Entries still buffered belong to the measured stretch.
    for (const entry of this.gcObserver.takeRecords()) this.gcMax = Math.max(this.gcMax, entry.duration);
    this.gcObserver.disconnect();
  }

  summary(): { p50: number; p99: number; max: number; gcMax: number } {
    const sorted = [...this.delays].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10);
    return { p50: at(50), p99: at(99), max: at(100), gcMax: Math.round(this.gcMax * 10) / 10 };
  }
}
