import { useCallback, useEffect, useRef, useState } from 'react';
import { API_KEY_PERMISSIONS, type ApiKeyPermission, type ApiKeyRecord } from '../../core/protocol/apikey-commands';
import type { Department } from '../../core/dossiers/catalogue';
import type { TerminalContext } from '../../core/protocol/bridge';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { useActionIds } from '../shared/command-id';
import { describeError } from '../shared/describe-error';
import { formatIsoTime } from '../shared/format';
import './admin-api-keys.css';

type Notice = { readonly ok: boolean; readonly text: string } | null;
type Copy = 'idle' | 'copied' | 'failed';

/**
 * Other systems' API keys, next to device pairing: create one (scope and permissions), shown
 * once with a copy button; the list with last use and state; rotate (the old key keeps working
 * 24 h) and revoke (refused at once).
 */
export function AdminApiKeys({ context }: { readonly context: TerminalContext }) {
  const strings = useStrings();
  const words = strings.adminApiKeys;
  const bridge = useBridge();
  const ids = useActionIds();
  const timeZone = context.centre?.timeZone;
  const [keys, setKeys] = useState<readonly ApiKeyRecord[]>([]);
  const [departments, setDepartments] = useState<readonly Department[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [shown, setShown] = useState<{ readonly key: string; readonly name: string } | null>(null);
  const [copy, setCopy] = useState<Copy>('idle');
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState<string>('');
  const [permissions, setPermissions] = useState<ReadonlySet<ApiKeyPermission>>(new Set(['dossiers:read']));
  const keyField = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const r = await bridge.invoke('admin:api-keys', {});
    if (r.ok) {
      setKeys(r.value.keys);
      setDepartments(r.value.departments);
    }
    else setNotice({ ok: false, text: describeError(strings, r.error, true) });
  }, [bridge, strings]);

  useEffect(() => {
    void refresh();
  }, [refresh, context.hubConnected]);

  const show = (key: string, keyName: string) => {
    setCopy('idle');
    setShown({ key, name: keyName });
  };

  const create = async () => {
    setNotice(null);
    if (name.trim().length < 2) return setNotice({ ok: false, text: words.needName });
    if (permissions.size === 0) return setNotice({ ok: false, text: words.needPermission });
    const r = await bridge.invoke('admin:create-api-key', { name: name.trim(), departmentId: departmentId === '' ? null : departmentId, permissions: API_KEY_PERMISSIONS.filter((p) => permissions.has(p)) });
    if (!r.ok) return setNotice({ ok: false, text: describeError(strings, r.error, true) });
    show(r.value.key, r.value.record.name);
    setName('');
    await refresh();
  };

  const rotate = async (k: ApiKeyRecord) => {
    if (!window.confirm(words.confirmRotate(k.name))) return;
    setNotice(null);
    const r = await bridge.invoke('admin:rotate-api-key', { keyId: k.id });
    if (r.ok) show(r.value.key, k.name);
    else setNotice({ ok: false, text: describeError(strings, r.error, true) });
    await refresh();
  };

  const revoke = async (k: ApiKeyRecord) => {
    if (!window.confirm(words.confirmRevoke(k.name))) return;
    const r = await ids.invoke(bridge, 'admin:revoke-api-key', { keyId: k.id });
    setNotice(r.ok ? { ok: true, text: words.revoked(k.name) } : { ok: false, text: describeError(strings, r.error, true) });
    await refresh();
  };

  const copyKey = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.key);
      setCopy('copied');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select the text for a manual copy.
      keyField.current?.select();
      setCopy('failed');
    }
  };

  const toggle = (p: ApiKeyPermission) =>
    setPermissions((before) => {
      const next = new Set(before);
      if (next.has(p)) next.delete(p);
      else next.add(p);
      return next;
    });

  const time = (iso: string) => formatIsoTime(iso, strings.locale, timeZone);
  const scopeOf = (id: string | null) => (id === null ? words.wholeCentre : (departments.find((d) => d.id === id)?.name ?? id));
  return (
    <section className="a-pairing a-apikeys" data-testid="admin-api-keys">
      <h2>{words.title}</h2>
      <p className="a-pairing-lead">{words.lead}</p>
      {notice ? (
        <p className={`a-pairing-notice ${notice.ok ? 'a-ok-text' : 'a-bad-text'}`} role="status">
          {notice.text}
        </p>
      ) : null}
      {shown ? (
        <div className="a-apikey-shown" data-testid="api-key-shown" role="dialog" aria-label={words.shownOnce(shown.name)}>
          <p className="a-pairing-for">{words.shownOnce(shown.name)}</p>
          <div className="a-apikey-row">
            <input ref={keyField} className="a-apikey-value" data-testid="api-key-value" readOnly value={shown.key} aria-label={words.shownOnce(shown.name)} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copyKey()}>
              {words.copy}
            </button>
          </div>
          {copy !== 'idle' ? (
            <p className={copy === 'copied' ? 'a-ok-text' : 'a-bad-text'} role="status" data-testid="api-key-copied">
              {copy === 'copied' ? words.copied : words.copyFailed}
            </p>
          ) : null}
          <p className="a-sub">{words.shownHint}</p>
          <button type="button" onClick={() => setShown(null)}>
            {words.close}
          </button>
        </div>
      ) : null}
      <form
        className="a-apikey-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          {words.name}
          <input value={name} maxLength={80} placeholder={words.namePlaceholder} onChange={(e) => setName(e.target.value)} data-testid="api-key-name" />
        </label>
        <label>
          {words.scope}
          <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} data-testid="api-key-scope">
            <option value="">{words.wholeCentre}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{words.permissions}</legend>
          {API_KEY_PERMISSIONS.map((p) => (
            <label key={p} className="a-apikey-permission">
              <input type="checkbox" checked={permissions.has(p)} onChange={() => toggle(p)} data-permission={p} />
              {words.permissionNames[p]}
            </label>
          ))}
        </fieldset>
        <button type="submit">{words.create}</button>
      </form>
      {keys.length === 0 ? (
        <p className="a-pairing-lead">{words.none}</p>
      ) : (
        <table className="a-devices a-pairing-table">
          <thead>
            <tr>
              <th>{words.name}</th>
              <th>{words.scope}</th>
              <th>{words.permissions}</th>
              <th>{words.lastUsed}</th>
              <th>{words.state}</th>
              <th>{words.actions}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-api-key={k.id}>
                <td>
                  <strong>{k.name}</strong>
                  <span className="a-id">
                    {k.id} · {words.created} {time(k.createdAt)}
                  </span>
                </td>
                <td>{scopeOf(k.departmentId)}</td>
                <td>{API_KEY_PERMISSIONS.filter((p) => k.permissions.includes(p)).map((p) => words.permissionNames[p]).join(', ')}</td>
                <td>{k.lastUsedAt ? time(k.lastUsedAt) : words.never}</td>
                <td>
                  <span className={`a-pill ${k.state === 'revoked' ? 'a-bad' : k.state === 'active' ? 'a-ok' : 'a-unknown'}`} data-testid="api-key-state">
                    {words.states[k.state]}
                  </span>
                  {k.previousValidUntil ? <span className="a-sub">{words.oldUntil(time(k.previousValidUntil))}</span> : null}
                </td>
                <td className="a-pairing-actions">
                  <button type="button" disabled={k.state === 'revoked'} onClick={() => void rotate(k)}>
                    {words.rotate}
                  </button>
                  <button type="button" className="a-danger" disabled={k.state === 'revoked'} onClick={() => void revoke(k)}>
                    {words.revoke}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
