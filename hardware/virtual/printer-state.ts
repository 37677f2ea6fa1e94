/**
 * The states a virtual printer can be told to be in, and the status bytes a
 * real ESC/POS printer sends for each (Epson's DLE EOT and GS r tables), so
 * drivers are tested against what real hardware says.
 */

export const VIRTUAL_PRINTER_STATES = ['ok', 'offline', 'paper-near-end', 'paper-out', 'cover-open'] as const;
export type VirtualPrinterState = (typeof VIRTUAL_PRINTER_STATES)[number];

export function isVirtualPrinterState(value: string): value is VirtualPrinterState {
  return (VIRTUAL_PRINTER_STATES as readonly string[]).includes(value);
}

/** Printing stops in these; data waits in the receive buffer until the fault clears. */
export function stopsPrinting(state: VirtualPrinterState): boolean {
  return state === 'offline' || state === 'paper-out' || state === 'cover-open';
}

/** Bits 1 and 4 are always set in a DLE EOT answer; that is how a driver tells it from other bytes. */
const FIXED_BITS = 0b0001_0010;

/**
 * The answer to DLE EOT n, or undefined for an n the printer ignores.
 * n=1 printer: bit 3 offline. n=2 offline cause: bit 2 cover open, bit 5
 * stopped by paper end, bit 6 error. n=3 error cause: bit 6 automatically
 * recoverable error (what a generic `offline` stands for: an overheated head,
 * a jam cleared by the clerk). n=4 paper sensor: bits 2–3 near end, bits 5–6 end.
 */
export function realTimeStatusByte(state: VirtualPrinterState, n: number): number | undefined {
  switch (n) {
    case 1:
      return FIXED_BITS | (stopsPrinting(state) ? 0b0000_1000 : 0);
    case 2:
      return (
        FIXED_BITS |
        (state === 'cover-open' ? 0b0000_0100 : 0) |
        (state === 'paper-out' ? 0b0010_0000 : 0) |
        (state === 'offline' ? 0b0100_0000 : 0)
      );
    case 3:
      return FIXED_BITS | (state === 'offline' ? 0b0100_0000 : 0);
    case 4:
      return FIXED_BITS | (state === 'paper-near-end' || state === 'paper-out' ? 0b0000_1100 : 0) | (state === 'paper-out' ? 0b0110_0000 : 0);
    default:
      return undefined;
  }
}

/** The answer to GS r 1 (paper sensors): bits 0–1 near end, bits 2–3 paper end; bit 4 clear, unlike DLE EOT answers. */
export function paperStatusByte(state: VirtualPrinterState): number {
  return (state === 'paper-near-end' || state === 'paper-out' ? 0b0000_0011 : 0) | (state === 'paper-out' ? 0b0000_1100 : 0);
}
