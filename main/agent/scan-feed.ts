import type { Clock, ContextPiece } from './desk';

/**
 * Codes read by the terminal's serial QR scanner, on their way to the screen, which decides what
 * a code means there (a receipt code at the kiosk, a CCCD at the counter). The last one is in the
 * terminal context; a new `at` is a new scan.
 */
export class ScanFeed {
  private last: { code: string; at: string } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly changed: () => void,
  ) {}

  scanned(code: string): void {
    this.last = { code, at: this.clock().toISOString() };
    this.changed();
  }

  context(): ContextPiece<'scan'> {
    return { scan: this.last };
  }
}
