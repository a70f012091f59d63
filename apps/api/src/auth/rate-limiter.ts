/**
 * Per-token-subject request counter over fixed windows. In memory, per process: with several API
 * instances each enforces its own share. `max` 0 turns it off.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns whether it is over the limit and when the window resets. */
  hit(subject: string): { limited: boolean; retryAfterSeconds: number } {
    if (this.max === 0) return { limited: false, retryAfterSeconds: 0 };
    const now = this.now();
    let w = this.windows.get(subject);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(subject, w);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    w.count++;
    return { limited: w.count > this.max, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
