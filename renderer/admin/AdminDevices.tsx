import { useCallback, useEffect, useState } from 'react';
import type { DeviceStatus } from '../../core/devices';
import type { TerminalContext } from '../../core/protocol/bridge';
import { groupPairingCode, type DeviceCredentialState } from '../../core/protocol/pairing-commands';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { useActionIds } from '../shared/command-id';
import { describeError } from '../shared/describe-error';
import { formatIsoTime } from '../shared/format';
import './admin-devices.css';

interface ShownCode {
  readonly deviceId: string;
  readonly code: string;
  readonly expiresAt: string;
  readonly qrSvg: string;
}

type Notice = { readonly ok: boolean; readonly text: string } | null;

/**
 * Pairing the centre's devices: each with its role, last seen and credential state; a one-time
 * code (8 digits grouped, and its QR) for a new or replaced terminal, and revocation.
 */
export function AdminDevices({ context }: { readonly context: TerminalContext }) {
  const strings = useStrings();
  const words = strings.adminDevices;
  const bridge = useBridge();
  const ids = useActionIds();
  const timeZone = context.centre?.timeZone;
  const devices: readonly DeviceStatus[] = context.devices ?? [];
  const [states, setStates] = useState<ReadonlyMap<string, DeviceCredentialState>>(new Map());
  const [shown, setShown] = useState<ShownCode | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const refresh = useCallback(async () => {
    const r = await bridge.invoke('admin:device-credentials', {});
    if (r.ok) setStates(new Map(r.value.devices.map((d) => [d.deviceId, d])));
    else setNotice({ ok: false, text: describeError(strings, r.error, true) });
  }, [bridge, strings]);

  // Connections come and go with the device list the hub pushes: the states follow it.
  const connected = devices.map((d) => `${d.id}:${d.connected ? 1 : 0}`).join(',');
  useEffect(() => {
    void refresh();
  }, [refresh, connected]);

  const createCode = async (deviceId: string) => {
    setNotice(null);
    const r = await bridge.invoke('admin:pairing-code', { deviceId });
    if (r.ok) setShown(r.value);
    else setNotice({ ok: false, text: describeError(strings, r.error, true) });
  };

  const revoke = async (device: DeviceStatus) => {
    if (!window.confirm(words.confirmRevoke(device.name))) return;
    const r = await ids.invoke(bridge, 'admin:revoke-device', { deviceId: device.id });
    setNotice(r.ok ? { ok: true, text: words.revoked(device.name) } : { ok: false, text: describeError(strings, r.error, true) });
    await refresh();
  };

  const time = (iso: string) => formatIsoTime(iso, strings.locale, timeZone);
  const nameOf = (id: string) => devices.find((d) => d.id === id)?.name ?? id;
  return (
    <section className="a-pairing" data-testid="admin-pairing">
      <h2>{words.title}</h2>
      <p className="a-pairing-lead">{words.lead}</p>
      {notice ? (
        <p className={`a-pairing-notice ${notice.ok ? 'a-ok-text' : 'a-bad-text'}`} role="status">
          {notice.text}
        </p>
      ) : null}
      {shown ? (
        <div className="a-pairing-code" data-testid="pairing-code" role="dialog" aria-label={words.codeFor(nameOf(shown.deviceId))}>
          <img className="a-pairing-qr" alt={groupPairingCode(shown.code)} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.qrSvg)}`} />
          <div>
            <p className="a-pairing-for">{words.codeFor(nameOf(shown.deviceId))}</p>
            <p className="a-pairing-digits" data-testid="pairing-digits">
              {groupPairingCode(shown.code)}
            </p>
            <p className="a-sub">{words.expiresAt(time(shown.expiresAt))}</p>
            <p className="a-sub">{words.codeHint}</p>
            <button type="button" onClick={() => setShown(null)}>
              {words.close}
            </button>
          </div>
        </div>
      ) : null}
      <table className="a-devices a-pairing-table">
        <thead>
          <tr>
            <th>{words.device}</th>
            <th>{words.role}</th>
            <th>{words.lastSeen}</th>
            <th>{words.state}</th>
            <th>{words.actions}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => {
            const s = states.get(d.id);
            const lastSeen = d.lastSeenAt ?? s?.lastSeenAt ?? null;
            return (
              <tr key={d.id} data-pairing-device={d.id}>
                <td>
                  <strong>{d.name}</strong>
                  <span className="a-id">{d.id}</span>
                </td>
                <td>{strings.admin.roles[d.role]}</td>
                <td>{lastSeen ? time(lastSeen) : words.never}</td>
                <td>
                  {s ? (
                    <>
                      <span className={`a-pill ${s.state === 'revoked' ? 'a-bad' : s.state === 'paired' ? 'a-ok' : 'a-unknown'}`} data-testid="credential-state">
                        {words.states[s.state]}
                      </span>
                      {s.pairedAt ? <span className="a-sub">{words.pairedAt(time(s.pairedAt))}</span> : null}
                      {s.rotationPending ? <span className="a-sub">{words.rotationPending}</span> : null}
                    </>
                  ) : null}
                </td>
                <td className="a-pairing-actions">
                  <button type="button" onClick={() => void createCode(d.id)}>
                    {words.createCode}
                  </button>
                  <button type="button" className="a-danger" disabled={s?.state === 'revoked' || s?.state === 'unpaired'} onClick={() => void revoke(d)}>
                    {words.revoke}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
