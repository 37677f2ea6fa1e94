/**
 * What a citizen gave the kiosk to name their ticket: the number typed on the keypad, or the
 * ticket's QR read by the scanner — `<publicBaseUrl>/t/<token>` when the centre has a public
 * address, else `MOTCUA:VE:<day>:<service>:<number>`. A keyboard-wedge scanner may add spaces or
 * a line end, and a field may have upper-cased the address before `/t/` (the token's case matters).
 */
export type TicketEntry =
  | { readonly kind: 'number'; readonly number: number }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'code'; readonly day: string; readonly serviceId: string; readonly number: number };

export const TICKET_ENTRY_MAX = 300;

export function ticketEntryOf(text: string): TicketEntry | null {
  const t = text.trim();
  if (/^\d{1,5}$/.test(t)) {
    const number = Number(t);
    return number > 0 ? { kind: 'number', number } : null;
  }
  const link = /\/t\/([A-Za-z0-9_-]{24})\/?(?:[?#].*)?$/i.exec(t);
  if (link) return { kind: 'token', token: link[1]! };
  const code = /^MOTCUA:VE:(\d{4}-\d{2}-\d{2}):([a-z0-9][a-z0-9-]{0,39}):(\d{1,5})$/i.exec(t);
  if (code) return { kind: 'code', day: code[1]!, serviceId: code[2]!.toLowerCase(), number: Number(code[3]) };
  return null;
}

/** The code a ticket's QR holds when the centre has no public address. */
export function ticketQrCode(ticket: { readonly day: string; readonly serviceId: string; readonly number: number }): string {
  return `MOTCUA:VE:${ticket.day}:${ticket.serviceId}:${ticket.number}`;
}
