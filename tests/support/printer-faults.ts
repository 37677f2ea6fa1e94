import type { VirtualPrinter, VirtualPrinterState } from '../../hardware/virtual/virtual-printer';

/**
 * Puts a virtual printer into a fault (or back to `ok`), whether it runs in the test's process
 * (a `VirtualPrinter`, e.g. `centre.printer` of useE2eCentre) or in another one behind its HTTP
 * state control (`{ controlUrl: 'http://127.0.0.1:9101' }`, see hardware/virtual/control-server.ts).
 * Back to `ok` or `paper-near-end`, what waited in the printer's buffer prints, as on a real one.
 * For a fault in the middle of a job use `printer.armFault(state, afterBytes)`; for a cable pulled
 * mid-job `printer.dropNextConnectionAfter(bytes)`.
 */
export async function setPrinterFault(printer: VirtualPrinter | { readonly controlUrl: string }, state: VirtualPrinterState): Promise<void> {
  if ('controlUrl' in printer) {
    const r = await fetch(`${printer.controlUrl}/state`, { method: 'PUT', body: state });
    if (!r.ok) throw new Error(`the virtual printer refused state "${state}": ${r.status} ${await r.text()}`);
    return;
  }
  printer.setState(state);
}
