import { useCallback, useEffect, useState } from 'react';
import { formatDateVi, type Appointment, type Slot } from '../../core/appointments/appointments';
import type { TerminalContext } from '../../core/protocol/bridge';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import './admin-appointments.css';
import { useActionIds } from '../shared/command-id';

type Notice = { readonly ok: boolean; readonly text: string } | null;

/** Booking a slot for a citizen (at the desk or on the phone) and the day's bookings with their states. */
export function AdminAppointments({ context }: { readonly context: TerminalContext }) {
  const strings = useStrings();
  const bridge = useBridge();
  const ids = useActionIds();
  const today = context.snapshot?.day ?? '';
  const [serviceId, setServiceId] = useState(context.services[0]?.id ?? '');
  const [date, setDate] = useState(today);
  const [slots, setSlots] = useState<readonly Slot[]>([]);
  const [slotStart, setSlotStart] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [bookings, setBookings] = useState<readonly Appointment[]>([]);

  useEffect(() => {
    if (date === '' && today !== '') setDate(today);
  }, [date, today]);

  const refreshSlots = useCallback(async () => {
    if (!serviceId || !date) return;
    const r = await bridge.invoke('admin:appointment-slots', { serviceId, date });
    const list = r.ok ? r.value.slots : [];
    setSlots(list);
    setSlotStart((current) => (list.some((s) => s.start === current && s.free > 0) ? current : (list.find((s) => s.free > 0)?.start ?? '')));
    if (!r.ok) setNotice({ ok: false, text: r.error.message });
  }, [bridge, serviceId, date]);

  const refreshBookings = useCallback(async () => {
    if (!today) return;
    const r = await bridge.invoke('admin:appointments', { date: today });
    if (r.ok) setBookings(r.value.appointments);
  }, [bridge, today]);

  useEffect(() => {
    void refreshSlots();
  }, [refreshSlots]);
  // Check-ins happen at the kiosk: each queue change may be one, so the list follows the snapshot.
  const seq = context.snapshot?.seq;
  useEffect(() => {
    void refreshBookings();
  }, [refreshBookings, seq]);

  const book = async () => {
    const r = await ids.invoke(bridge, 'admin:book-appointment', { serviceId, date, slotStart, citizenName: name, ...(phone.trim() ? { phone } : {}) });
    if (r.ok) {
      const a = r.value.appointment;
      setNotice({ ok: true, text: strings.appointment.bookedCode(a.code, formatDateVi(a.date), a.slotStart) });
      setName('');
      setPhone('');
    } else {
      setNotice({ ok: false, text: describeError(strings, r.error, true) });
    }
    await Promise.all([refreshSlots(), refreshBookings()]);
  };

  const cancel = async (code: string) => {
    const r = await ids.invoke(bridge, 'admin:cancel-appointment', { code });
    if (!r.ok) setNotice({ ok: false, text: describeError(strings, r.error, true) });
    await Promise.all([refreshSlots(), refreshBookings()]);
  };

  const serviceName = (id: string) => context.services.find((s) => s.id === id)?.name ?? id;
  return (
    <section className="a-appointments" data-testid="admin-appointments">
      <h2>{strings.appointment.title}</h2>
      <form
        className="a-book"
        onSubmit={(e) => {
          e.preventDefault();
          void book();
        }}
      >
        <label>
          {strings.appointment.service}
          <select data-testid="book-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            {context.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {strings.appointment.date}
          <input data-testid="book-date" type="date" value={date} min={today} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {strings.appointment.slot}
          <select data-testid="book-slot" value={slotStart} onChange={(e) => setSlotStart(e.target.value)}>
            {slots.length === 0 && <option value="">{strings.appointment.noSlots}</option>}
            {slots.map((s) => (
              <option key={s.start} value={s.start} disabled={s.free === 0}>
                {strings.appointment.slotOption(s.start, s.free, s.capacity)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {strings.appointment.citizenName}
          <input data-testid="book-name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={100} />
        </label>
        <label>
          {strings.appointment.phone}
          <input data-testid="book-phone" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={16} />
        </label>
        <button type="submit" data-testid="book-submit" disabled={!slotStart || name.trim().length < 2}>
          {strings.appointment.book}
        </button>
      </form>
      {notice && (
        <p className={`a-notice ${notice.ok ? 'a-notice-ok' : 'a-notice-bad'}`} role="status" data-testid="book-notice">
          {notice.text}
        </p>
      )}
      <h3>{strings.appointment.dayList(today ? formatDateVi(today) : '')}</h3>
      {bookings.length === 0 ? (
        <p>{strings.appointment.noBookings}</p>
      ) : (
        <table className="a-devices a-bookings" data-testid="admin-bookings">
          <thead>
            <tr>
              <th>{strings.appointment.slot}</th>
              <th>{strings.appointment.code}</th>
              <th>{strings.appointment.citizenName}</th>
              <th>{strings.appointment.service}</th>
              <th>{strings.appointment.state}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {bookings.map((a) => (
              <tr key={a.code} data-code={a.code}>
                <td>{a.slotStart}</td>
                <td className="a-code">{a.code}</td>
                <td>
                  {a.citizenName}
                  {a.phone && <span className="a-sub">{a.phone}</span>}
                </td>
                <td>{serviceName(a.serviceId)}</td>
                <td>
                  <span className={`a-pill ${a.state === 'checked-in' ? 'a-ok' : a.state === 'cancelled' ? 'a-bad' : 'a-unknown'}`}>{strings.appointment.states[a.state]}</span>
                  {a.ticketNumber !== null && <span className="a-sub">{strings.appointment.ticket(a.ticketNumber)}</span>}
                </td>
                <td>
                  {a.state === 'booked' && (
                    <button type="button" className="a-cancel" onClick={() => void cancel(a.code)}>
                      {strings.appointment.cancel}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
