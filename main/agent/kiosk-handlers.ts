import { randomUUID } from 'node:crypto';
import { dossierTokenFromUrl } from '../../core/public/dossier-token';
import { dossierCodeFromScan } from '../../core/dossiers/dossier-code';
import { err } from '../../core/result';
import type { DeskHandlers, DeskHub } from './desk';
import type { KioskDesk } from './kiosk-desk';
import type { RoleDesk } from './role-desk';

export type KioskCall = 'kiosk:take-ticket' | 'kiosk:check-in' | 'kiosk:lookup-dossier';

/** Kiosk messages for a terminal that cannot issue tickets (RoleDesk). */
export const KIOSK_REFUSALS = {
  noHello: 'Kiosk chưa kết nối được máy chủ lần nào kể từ khi cài đặt: chưa cấp được số.',
  otherRole: 'Chỉ kiosk mới lấy số.',
} as const;

/**
 * The kiosk's bridge calls: a ticket and an appointment check-in go to the kiosk's ticket desk
 * (kiosk-desk.ts: online, or from leased numbers while the hub is away); a receipt code typed or
 * scanned is looked up at the hub, and only what the receipt itself shows comes back.
 */
export function kioskHandlers(hub: Pick<DeskHub, 'command'>, kiosk: RoleDesk<KioskDesk>): DeskHandlers<KioskCall> {
  return {
    'kiosk:take-ticket': (input) => kiosk.run((d) => d.takeTicket(input.serviceId, input.priority, input.commandId)),
    'kiosk:check-in': (input) => kiosk.run((d) => d.checkIn(input.code, input.commandId)),
    'kiosk:lookup-dossier': async (input) => {
      // The receipt's status link (its QR when the centre has a public address): looked up by its token.
      const token = dossierTokenFromUrl(input.code);
      if (token !== null) return hub.command('dossier:lookup', { commandId: randomUUID(), token });
      const code = dossierCodeFromScan(input.code);
      if (code === null) return err('invalid-input', `“${input.code.trim().slice(0, 40)}” không phải mã hồ sơ. Mã in trên giấy tiếp nhận có dạng HK-261120-0007.`);
      return hub.command('dossier:lookup', { commandId: randomUUID(), code });
    },
  };
}
