/**
 * How late a 5 ms timer fires, sampled only while started: the time a message may wait before its
 * process gets to it. (perf_hooks' monitor counts a disable/enable pause as one long delay.)
 */
export class LoopDelaySampler {
  private readonly delays: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    if (this.timer) return;
    let expected = performance.now() + 5;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.delays.push(Math.max(0, now - expected));
      expected = now + 5;
    }, 5);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  summary(): { p50: number; p99: number; max: number } {
    const sorted = [...this.delays].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10);
    return { p50: at(50), p99: at(99), max: at(100) };
  }
}
