import type { Dossier } from '../../core/dossiers/dossier';
import { commandId, type DeviceSocket } from '../support/centre';

/** The applicant of the privacy tests: a CCCD the logs and the exports are searched for. */
export const CITIZEN = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' };
export const OTHER_CITIZEN = { fullName: 'Trần Thị Bích', idNumber: '079185004321' };

interface Devices {
  readonly kiosk: DeviceSocket;
  readonly counter: DeviceSocket;
  readonly backoffice: DeviceSocket;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A citizen's visit at Quầy 3: a ticket served and rated with a comment, a dossier received on it. */
export async function visit(d: Devices, applicant: Record<string, string>, comment: string, publicToken?: string): Promise<Dossier> {
  const { ticket } = must(await d.kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dang-ky-kinh-doanh' }));
  const called = must(await d.counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-3' }));
  const ticketId = called.ticket?.id ?? ticket.id;
  must(await d.counter.emitWithAck('ticket:start', { commandId: commandId(), ticketId }));
  must(await d.counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId }));
  must(await d.kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId, rating: 4, comment }));
  const { dossier } = must(
    await d.counter.emitWithAck('dossier:receive', {
      commandId: commandId(),
      procedureCode: 'KD-TL',
      applicant,
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
      feePaid: 100000,
      ticketId,
      ...(publicToken ? { publicToken } : {}),
    } as never),
  );
  return dossier;
}

const act = async (socket: DeviceSocket, code: string, action: string) => must(await socket.emitWithAck('dossier:act', { commandId: commandId(), code, action } as never));

/** The department decides the dossier and the counter hands the result back: status 'returned'. */
export async function decideAndReturn(d: Devices, code: string): Promise<void> {
  await act(d.backoffice, code, 'accept');
  await act(d.backoffice, code, 'done');
  await act(d.counter, code, 'return');
}

export async function signInOfficer(backoffice: DeviceSocket): Promise<void> {
  must(await backoffice.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '5555' }));
}
