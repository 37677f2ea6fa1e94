/**
 * One run of an async job at a time. A call while it runs asks for one more pass after it (the
 * work that triggered the call may have come too late for the current pass), and gets the
 * promise of the current run; `idle()` waits for whatever is running, never rejecting.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly stopped: () => boolean,
    private readonly after: () => void = () => undefined,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped());
    })().finally(() => {
      this.running = null;
      this.after();
    });
    return this.running;
  }

  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
