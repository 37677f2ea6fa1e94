import { useCallback, useEffect, useState } from 'react';
import { DELIVERY_STATES, PORTAL_TARGET, type DeliveryLog, type DeliveryState } from '../../core/integrations/outbound-events';
import type { TerminalContext } from '../../core/protocol/bridge';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { formatIsoTime } from '../shared/format';
import './admin-deliveries.css';

type Notice = { readonly ok: boolean; readonly text: string } | null;

/** While the section is open the log moves (the worker delivers, retries): it is fetched again this often. */
const REFRESH_MS = 15_000;

/**
 * The delivery log: the webhook subscriptions (and whether a 410 switched one off), each
 * delivery with its attempts, next try and last error, filtered by state; "Gửi lại" re-queues one.
 */
export function AdminDeliveries({ context }: { readonly context: TerminalContext }) {
  const strings = useStrings();
  const words = strings.adminDeliveries;
  const bridge = useBridge();
  const timeZone = context.centre?.timeZone;
  const [filter, setFilter] = useState<DeliveryState | null>(null);
  const [log, setLog] = useState<DeliveryLog | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const refresh = useCallback(async () => {
    const r = await bridge.invoke('admin:deliveries', filter ? { state: filter } : {});
    if (r.ok) setLog(r.value);
    else setNotice({ ok: false, text: describeError(strings, r.error, true) });
  }, [bridge, filter, strings]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const resend = async (id: number) => {
    const r = await bridge.invoke('admin:resend-delivery', { id });
    setNotice(r.ok ? { ok: true, text: words.resent(id) } : { ok: false, text: describeError(strings, r.error, true) });
    await refresh();
  };

  const time = (iso: string | null) => (iso ? formatIsoTime(iso, strings.locale, timeZone) : '—');
  const targetName = (target: string) => (target === PORTAL_TARGET ? words.portalTarget : (log?.subscriptions.find((s) => `webhook:${s.id}` === target)?.system ?? target));
  return (
    <section className="a-deliveries" data-testid="admin-deliveries">
      <h2>{words.title}</h2>
      <p className="a-deliveries-lead">{words.lead}</p>
      {notice ? (
        <p className={`a-deliveries-notice ${notice.ok ? 'a-ok-text' : 'a-bad-text'}`} role="status">
          {notice.text}
        </p>
      ) : null}
      {log ? (
        <div className="a-deliveries-subs">
          <h3>{words.subscriptions}</h3>
          <p className="a-sub">{words.portal(log.portalConfigured)}</p>
          {log.subscriptions.length === 0 ? <p className="a-sub">{words.noSubscriptions}</p> : null}
          <ul>
            {log.subscriptions.map((s) => (
              <li key={s.id} data-subscription={s.id}>
                <strong>{s.system}</strong> <span className="a-id">{s.url}</span>
                <span className={`a-pill ${s.disabled ? 'a-bad' : 'a-ok'}`} data-testid="subscription-state">
                  {s.disabled ? words.subscriptionOff(s.disabled) : words.subscriptionOn}
                </span>
                <span className="a-sub">{s.events.join(', ')}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="a-deliveries-bar">
        <label>
          {words.filter}{' '}
          <select value={filter ?? ''} onChange={(e) => setFilter(e.target.value === '' ? null : (e.target.value as DeliveryState))} data-testid="delivery-filter">
            <option value="">{words.all}</option>
            {DELIVERY_STATES.map((s) => (
              <option key={s} value={s}>
                {words.states[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void refresh()}>
          {words.refresh}
        </button>
      </div>
      {log && log.deliveries.length === 0 ? <p className="a-deliveries-lead">{words.empty}</p> : null}
      {log && log.deliveries.length > 0 ? (
        <table className="a-devices a-deliveries-table">
          <thead>
            <tr>
              <th>{words.target}</th>
              <th>{words.event}</th>
              <th>{words.subject}</th>
              <th>{words.state}</th>
              <th>{words.attempts}</th>
              <th>{words.next}</th>
              <th>{words.lastError}</th>
              <th>{words.actions}</th>
            </tr>
          </thead>
          <tbody>
            {log.deliveries.map((d) => (
              <tr key={d.id} data-delivery={d.id} data-state={d.state}>
                <td>{targetName(d.target)}</td>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>{d.subject}</td>
                <td>
                  <span className={`a-pill ${d.state === 'delivered' ? 'a-ok' : d.state === 'pending' ? 'a-unknown' : 'a-bad'}`}>{words.states[d.state]}</span>
                  {d.deliveredAt ? <span className="a-sub">{time(d.deliveredAt)}</span> : null}
                </td>
                <td>{d.attempts}</td>
                <td>{d.state === 'pending' ? time(d.nextAttemptAt) : '—'}</td>
                <td className="a-deliveries-error">
                  {d.lastError ? (
                    <>
                      <strong>{d.lastError.split(' — ')[0]}</strong>
                      {d.lastError.includes(' — ') ? <span className="a-deliveries-detail">{d.lastError.slice(d.lastError.indexOf(' — ') + 3)}</span> : null}
                    </>
                  ) : null}
                </td>
                <td className="a-deliveries-actions">
                  <button type="button" disabled={d.state === 'pending' && d.attempts === 0} onClick={() => void resend(d.id)}>
                    {words.resend}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
