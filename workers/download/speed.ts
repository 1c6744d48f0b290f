// Download speed over a sliding window (the last few seconds), for the progress view's speed and ETA.

export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];
  private total = 0;
  constructor(private readonly windowMs = 5000, private readonly now: () => number = () => performance.now()) {}

  add(bytes: number): void {
    this.total += bytes;
    const t = this.now();
    this.samples.push({ t, bytes: this.total });
    while (this.samples.length > 2 && t - this.samples[1]!.t > this.windowMs) this.samples.shift();
  }

  /** Forget the window (after a pause or a wait, so the idle time does not count as slow). */
  reset(): void {
    this.samples = [];
  }

  /** Bytes per second over the window; 0 until two samples span some time. */
  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.t - first.t);
  }
}
