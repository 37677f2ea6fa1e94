import type { DeviceStatus } from '../../core/devices';
import type { TerminalContext } from '../../core/protocol/bridge';
import { missingCase } from '../../core/result';
import type { AgentStatus } from '../bridge/terminal-link';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings, addRoleStrings } from '../i18n/strings';
import { Clock } from '../shared/Clock';
import { formatIsoTime } from '../shared/format';
import { StatusLine } from '../shared/StatusLine';
import './admin.css';
import { AdminAppointments } from './AdminAppointments';
import { AdminApiKeys } from './AdminApiKeys';
import { AdminDeliveries } from './AdminDeliveries';
import { AdminDevices } from './AdminDevices';
import { AdminSignIn } from './AdminSignIn';
import { ProvinceStatsScreen } from './ProvinceStatsScreen';
import { StatsSection } from './StatsSection';
import { useAdminSession } from './use-admin-session';
import { ADMIN_STRINGS } from '../i18n/for-admin';

// This role's words join the shared ones before its screen draws (renderer/i18n/strings.tsx).
addRoleStrings(ADMIN_STRINGS);

const NEEDS_ATTENTION = new Set(['paper-out', 'cover-open', 'offline', 'paper-near-end']);

/** The centre's admin, behind the administrator's sign-in once the centre has accounts. */
export function AdminScreen({ context, agent }: { readonly context: TerminalContext; readonly agent: AgentStatus }) {
  const strings = useStrings();
  const { view, signIn, signOut, askSignIn, cancelSignIn } = useAdminSession(useBridge());
  switch (view.kind) {
    case 'checking':
      return (
        <main className="admin">
          <p className="a-summary">{strings.adminSignIn.checking}</p>
        </main>
      );
    case 'signed-out':
      return <AdminSignIn centreName={context.centre?.name} error={view.error} busy={view.busy} province={view.province} onSignIn={signIn} onCancel={view.asked ? cancelSignIn : undefined} />;
    case 'open':
      // A province administrator reads the province's statistics and nothing of the centre's (the hub refuses them the rest).
      if (view.scope === 'province' && view.username) return <ProvinceStatsScreen username={view.username} onSignOut={signOut} />;
      return <AdminDesk context={context} agent={agent} username={view.username} onSignOut={signOut} onProvinceSignIn={view.province && !view.username ? askSignIn : null} />;
    default:
      return missingCase(view);
  }
}

/** Every device, whether it is connected, and how its printer is; the statistics and the appointment book. */
function AdminDesk({
  context,
  agent,
  username,
  onSignOut,
  onProvinceSignIn,
}: {
  readonly context: TerminalContext;
  readonly agent: AgentStatus;
  readonly username: string | null;
  readonly onSignOut: () => void;
  /** On a province's hub where the centre asks for no administrator: the way to the province administrator's sign-in. */
  readonly onProvinceSignIn: (() => void) | null;
}) {
  const strings = useStrings();
  const devices = context.devices ?? [];
  const timeZone = context.centre?.timeZone;
  const problems = devices.filter((d) => d.printer !== null && NEEDS_ATTENTION.has(d.printer.health)).length;
  return (
    <main className="admin">
      <header className="a-header">
        <div>
          <h1>{strings.admin.title}</h1>
          <p>{context.centre?.name}</p>
        </div>
        <div className="a-header-right">
          {username ? (
            <span data-testid="admin-user">
              {strings.adminSignIn.signedInAs(username)}
              <button type="button" className="a-sign-out" onClick={onSignOut}>
                {strings.adminSignIn.signOut}
              </button>
            </span>
          ) : null}
          {onProvinceSignIn ? (
            <button type="button" className="a-sign-out" onClick={onProvinceSignIn} data-testid="province-sign-in">
              {strings.provinceStats.signInForProvince}
            </button>
          ) : null}
          <Clock timeZone={timeZone} />
        </div>
      </header>
      <p className="a-summary" data-testid="admin-summary">
        {strings.admin.summary(devices.filter((d) => d.connected).length, devices.length, problems)}
      </p>
      <table className="a-devices" data-testid="admin-devices">
        <thead>
          <tr>
            <th>{strings.admin.device}</th>
            <th>{strings.admin.role}</th>
            <th>{strings.admin.connection}</th>
            <th>{strings.admin.printer}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <DeviceRow key={d.id} device={d} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
      <AdminDevices context={context} />
      <AdminApiKeys context={context} />
      <StatsSection context={context} />
      <AdminAppointments context={context} />
      <AdminDeliveries context={context} />
      <StatusLine context={context} agent={agent} />
    </main>
  );
}

function DeviceRow({ device, timeZone }: { readonly device: DeviceStatus; readonly timeZone: string | undefined }) {
  const strings = useStrings();
  const seen = device.lastSeenAt === null ? strings.admin.neverSeen : strings.admin.lastSeen(formatIsoTime(device.lastSeenAt, strings.locale, timeZone));
  return (
    <tr data-device-id={device.id}>
      <td>
        <strong>{device.name}</strong>
        <span className="a-id">{device.id}</span>
      </td>
      <td>{strings.admin.roles[device.role]}</td>
      <td>
        <span className={`a-pill ${device.connected ? 'a-ok' : 'a-bad'}`}>{device.connected ? strings.admin.connected : strings.admin.disconnected}</span>
        <span className="a-sub">{seen}</span>
      </td>
      <td>
        {device.printer === null ? (
          strings.admin.noPrinter
        ) : (
          <>
            <span className={`a-pill ${NEEDS_ATTENTION.has(device.printer.health) ? 'a-bad' : device.printer.health === 'ok' ? 'a-ok' : 'a-unknown'}`}>
              {strings.admin.health[device.printer.health]}
            </span>
            <span className="a-sub">
              {device.printer.detail} · {formatIsoTime(device.printer.reportedAt, strings.locale, timeZone)}
            </span>
          </>
        )}
        {device.serial?.map((sd) => (
          <span key={sd.kind} className="a-sub" data-serial-kind={sd.kind}>
            <span className={`a-pill ${sd.state === 'connected' ? 'a-ok' : 'a-bad'}`}>{SERIAL_LABELS[sd.kind]}</span> {sd.path} · {SERIAL_STATES[sd.state]}
            {sd.state === 'connected' ? '' : ` (${sd.detail})`}
          </span>
        ))}
      </td>
    </tr>
  );
}

/** The counter's serial devices (hardware/serial), as the terminal reports them. */
const SERIAL_LABELS = { 'led-sign': 'Bảng số LED', 'rating-keypad': 'Bàn phím đánh giá', 'qr-scanner': 'Máy quét mã QR' } as const;
const SERIAL_STATES = { connected: 'đã kết nối', reconnecting: 'đang kết nối lại', error: 'lỗi' } as const;
