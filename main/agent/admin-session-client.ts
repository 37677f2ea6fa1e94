import { z } from 'zod';
import { AdminScopeSchema, AdminSessionStateSchema, type AdminSessionState, type AdminSignInInput } from '../../core/protocol/admin-session';
import { resultSchema } from '../../core/protocol/result-schema';
import { err, ok, type Result } from '../../core/result';
import { hubRestFetch, type HubAddresses } from './hub-rest';

export interface AdminSessionClientOptions {
  /** Read at each call (a getter): the socket's address first (hub-rest.ts). */
  readonly hubAddresses: HubAddresses;
  readonly token: string;
  readonly timeoutMs?: number;
}

const SignedInSchema = resultSchema(z.object({ token: z.string(), username: z.string(), expiresAt: z.string(), scope: AdminScopeSchema.optional() }));

/**
 * The administrator signed in at this admin terminal. The hub's session token is held here, in
 * the agent's memory only — not in the renderer (no script of the page can read it), not on disk,
 * not in a URL — and sent in the `x-admin-session` header beside the device's own token. Restarting
 * the terminal signs the administrator out, which is what a shared admin PC should do.
 */
export class AdminSessionClient {
  private token: string | null = null;

  constructor(private readonly options: AdminSessionClientOptions) {}

  /** The header of the session, or none. */
  header(): Record<string, string> {
    return this.token ? { 'x-admin-session': this.token } : {};
  }

  async state(): Promise<Result<AdminSessionState>> {
    const res = await this.request('GET', '/api/admin/session');
    if (!res.ok) return res;
    const parsed = resultSchema(AdminSessionStateSchema).safeParse(res.value);
    if (!parsed.success) return err('internal', 'Máy chủ trả lời phiên quản trị không đúng định dạng.');
    if (parsed.data.ok && !parsed.data.value.session) this.token = null;
    return parsed.data;
  }

  async signIn(input: AdminSignInInput): Promise<Result<AdminSessionState>> {
    const res = await this.request('POST', '/api/admin/sign-in', input);
    if (!res.ok) return res;
    const parsed = SignedInSchema.safeParse(res.value);
    if (!parsed.success) return err('internal', 'Máy chủ trả lời đăng nhập không đúng định dạng.');
    if (!parsed.data.ok) return parsed.data;
    const { token, username, expiresAt, scope } = parsed.data.value;
    this.token = token;
    // A province administrator may sign in where the centre asks for no one: what the screen shows follows the scope.
    return ok({ required: true, session: { username, expiresAt, ...(scope ? { scope } : {}) } });
  }

  async signOut(): Promise<Result<AdminSessionState>> {
    if (this.token) {
      const res = await this.request('POST', '/api/admin/sign-out', {});
      if (!res.ok) return res;
    }
    this.token = null;
    return this.state();
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<unknown>> {
    try {
      // The session's GET tries the next address if this one is down; sign-in and sign-out (POST) do not.
      const res = await hubRestFetch(this.options.hubAddresses, path, {
        method,
        headers: { authorization: `Bearer ${this.options.token}`, ...this.header(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
      return ok(await res.json().catch(() => null));
    } catch (e) {
      return err('hub-unreachable', `Không kết nối được máy chủ: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
