import type { ServerResponse } from 'node:http';
import { formatLocalDateTime, vietnamWallTime } from '../../core/calendar/local-time';
import type { DossierEvent, DossierPublicView } from '../../core/dossiers/dossier';
import { dossierStatusBody, dueWords } from './dossier-status-page';
import type { OpenRefusal, PublicStreams } from './public-streams';

export interface DossierFeedOptions {
  /** The public pages' shared streams: the ticket page's limits hold for these too. */
  readonly streams: PublicStreams;
  /** The kiosk lookup's view of a dossier by code (no personal data beyond the initials). */
  readonly view: (code: string, now: Date) => Promise<DossierPublicView | null>;
  readonly clock: () => Date;
}

const keyOf = (code: string): string => `hs:${code}`;

/**
 * The live side of the receipt's status page (/hs/:token/events): when the back office or the
 * counter moves a dossier, each open page gets the page body again — exactly what a reload would
 * draw, nothing more. Server-Sent Events on the streams the ticket page uses (same limits).
 */
export class DossierFeed {
  constructor(private readonly o: DossierFeedOptions) {}

  /** Opens a stream for a dossier found by its token (the caller checked it) and sends its body now. */
  async open(code: string, address: string, res: ServerResponse): Promise<OpenRefusal | null> {
    const refused = this.o.streams.open(keyOf(code), address, res);
    if (refused) return refused;
    await this.push(code);
    return null;
  }

  /** A dossier event after its commit: the pages following that dossier are drawn again. */
  onEvent(event: DossierEvent): void {
    const { code } = event.dossier;
    if (!this.o.streams.has(keyOf(code))) return;
    this.push(code).catch((e: unknown) => console.error(`motcua hub: dossier status feed: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async push(code: string): Promise<void> {
    const now = this.o.clock();
    const view = await this.o.view(code, now);
    if (!view) return;
    const body = dossierStatusBody(view, dueWords(formatLocalDateTime(vietnamWallTime(now))));
    // The status (for tests and screen readers' sake) beside the body the page swaps in.
    this.o.streams.send(keyOf(code), 'dossier', JSON.stringify({ status: view.status, body }));
  }
}
