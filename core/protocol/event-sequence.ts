/**
 * Takes each bridge event once and in order on the receiving side: an event numbered at or below
 * the last one taken is a repeat and is dropped. `reset` starts over (a new line, maybe to a new
 * run of the terminal, which numbers from 1 again). Free of zod: the sandboxed preload uses it.
 */
export class EventSequence {
  private last = 0;

  take(seq: number): boolean {
    if (!Number.isInteger(seq) || seq <= this.last) return false;
    this.last = seq;
    return true;
  }

  reset(): void {
    this.last = 0;
  }
}
