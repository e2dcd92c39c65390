/**
 * The mock's clock. It starts at the wall time of its creation and then runs on the monotonic clock, so
 * only advance() moves it by more than real elapsed time: expiry is tested in milliseconds, not minutes.
 */
export class MockClock {
  private readonly startMs = Date.now();
  private readonly startMonotonicMs = performance.now();
  private offsetMs = 0;

  nowMs(): number {
    return Math.floor(this.startMs + (performance.now() - this.startMonotonicMs) + this.offsetMs);
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Moves the clock forward; time never runs backwards, so expired things stay expired. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`the clock can only move forward by a finite number of seconds, not ${seconds}`);
    }
    this.offsetMs += seconds * 1000;
  }
}
