import { appointmentSlipLayout } from './appointment-slip';
import { delayApologyLayout } from './delay-apology';
import { dossierReceiptLayout } from './dossier-receipt';
import type { Layout } from './layout';
import { queueTicketLayout } from './queue-ticket';
import { refusalNoticeLayout } from './refusal-notice';
import { supplementRequestLayout } from './supplement-request';

export type { Layout } from './layout';
export type { TicketPrintData } from './queue-ticket';
export type { AppointmentSlipData } from './appointment-slip';
export type { DossierReceiptData, ReceivedDocument } from './dossier-receipt';
export type { SupplementRequestData } from './supplement-request';
export type { RefusalNoticeData } from './refusal-notice';
export type { DelayApologyData } from './delay-apology';
export type { Applicant, Issuer } from './form-header';
export { queueTicketLayout, appointmentSlipLayout, dossierReceiptLayout, supplementRequestLayout, refusalNoticeLayout, delayApologyLayout };

/** Every paper motcua prints, by the name `motcua render --kind` takes. */
export const LAYOUTS = {
  ticket: queueTicketLayout,
  slip: appointmentSlipLayout,
  receipt: dossierReceiptLayout,
  supplement: supplementRequestLayout,
  refusal: refusalNoticeLayout,
  delay: delayApologyLayout,
} as const;

export type LayoutKind = keyof typeof LAYOUTS;
export const LAYOUT_KINDS = Object.keys(LAYOUTS) as LayoutKind[];

/** A layout whose data type is not known statically (CLI, tests over all layouts): its own sample, its own QR contents. */
export function sampleOf(kind: LayoutKind): { readonly layout: Layout<unknown>; readonly data: unknown } {
  const layout = LAYOUTS[kind] as Layout<unknown>;
  return { layout, data: layout.sample };
}
