// Pause / resume / cancel for a running download. Each request gets a signal that aborts when the user
// pauses or cancels; waits (paused, backoff) end early on either.

export class DownloadCancelled extends Error {
  override readonly name = 'DownloadCancelled';
  constructor() {
    super('The download was cancelled.');
  }
}

export type ControlState = 'running' | 'paused' | 'cancelled';

export class DownloadControl {
  private current: AbortController | null = null;
  private wake: (() => void)[] = [];
  private stateNow: ControlState = 'running';
  /** Called on every state change (progress events report it). */
  onChange: (state: ControlState) => void = () => {};

  // A plain function, not setTimeout itself: browsers reject setTimeout called as a method of another object.
  constructor(private readonly timer: (fn: () => void, ms: number) => unknown = (fn, ms) => setTimeout(fn, ms)) {}

  get state(): ControlState {
    return this.stateNow;
  }

  private set(state: ControlState): void {
    this.stateNow = state;
    this.current?.abort();
    for (const w of this.wake.splice(0)) w();
    this.onChange(state);
  }

  pause(): void {
    if (this.stateNow === 'running') this.set('paused');
  }

  resume(): void {
    if (this.stateNow === 'paused') this.set('running');
  }

  cancel(): void {
    if (this.stateNow !== 'cancelled') this.set('cancelled');
  }

  /** A signal for one request, aborted by pause or cancel. */
  signal(): AbortSignal {
    this.current = new AbortController();
    if (this.stateNow !== 'running') this.current.abort();
    return this.current.signal;
  }

  /** Returns when running; waits while paused; throws DownloadCancelled once cancelled. */
  async whenRunning(): Promise<void> {
    while (this.stateNow === 'paused') await new Promise<void>((r) => this.wake.push(r));
    if (this.stateNow === 'cancelled') throw new DownloadCancelled();
  }

  /** Waits `ms`, or less if the state changes meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake.push(resolve);
      this.timer(resolve, ms);
    });
  }
}
