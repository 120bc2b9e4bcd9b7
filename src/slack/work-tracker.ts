/**
 * What the Slack process is working on right now (requests being handled, questions being
 * answered), so that the same work never runs twice at once, a stop can wait for it a little,
 * then cut it short with one signal and say what was left.
 */
export class WorkTracker {
  private readonly controller = new AbortController();
  private readonly active = new Set<string>();
  private readonly idleWaiters = new Set<() => void>();
  private lastArrival = 0;

  /** Aborted on shutdown: Slack calls and waits end at once, and unfinished work stays recorded. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Marks `key` as under way; false when it already is (the caller leaves it to that run). */
  begin(key: string): boolean {
    if (this.active.has(key)) return false;
    this.active.add(key);
    return true;
  }

  end(key: string): void {
    this.active.delete(key);
    if (this.active.size === 0) for (const wake of [...this.idleWaiters]) wake();
  }

  isActive(key: string): boolean {
    return this.active.has(key);
  }

  /** Keys under way, for the log of what a stop abandoned. */
  keys(): string[] {
    return [...this.active];
  }

  /** Resolves true once nothing is under way, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters.delete(wake);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.add(wake);
    });
  }

  /** A request just arrived from Slack (see `lull`). */
  arrived(): void {
    this.lastArrival = performance.now();
  }

  /**
   * Resolves once no request has arrived for `quietMs`, or after `maxMs` at most: CPU-heavy work
   * (computing an answer) waits for a burst of requests to be acknowledged first.
   */
  async lull(quietMs: number, maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    for (;;) {
      const wait = this.lastArrival + quietMs - performance.now();
      if (wait <= 0 || performance.now() >= until || this.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, until - performance.now())));
    }
  }

  /** Cuts every call and wait short (shutdown). */
  abort(): void {
    this.controller.abort(new Error('Jalon is stopping'));
  }
}
