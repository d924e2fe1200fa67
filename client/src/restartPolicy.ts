// When a crashed server is started again: at most `maxRestarts` times within
// `windowMs`, so that a server that dies on every start (a file that crashes it
// on open) stops being restarted and the user is told instead.

export interface RestartPolicyOptions {
  readonly maxRestarts: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 3, windowMs: 3 * 60 * 1000 };

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Records a crash at `now` (ms); true when the server should be restarted. */
  crashed(now: number): boolean {
    this.crashes = this.crashes.filter((at) => now - at < this.options.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.options.maxRestarts;
  }

  /** The user restarted the server by hand: the count starts over. */
  reset(): void {
    this.crashes = [];
  }

  /** What the user is told once restarts stop. */
  get stoppedMessage(): string {
    const minutes = Math.round(this.options.windowMs / 60_000);
    return `The memhints server crashed ${this.options.maxRestarts + 1} times in ${minutes} minutes and will not be restarted. Its output may say why.`;
  }
}
