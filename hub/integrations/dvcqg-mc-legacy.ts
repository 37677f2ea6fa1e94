import { z } from 'zod';
import { DvcqgDossierSchema, isDvcqgSuccess, type DvcqgDossier, type DvcqgProgress } from '../../core/integrations/dvcqg-records';
import type { NationalPortalAdapter } from './national-portal';
import { callPartner, readJsonAnswer, readSuccessJson } from './partner-http';
import { partnerErr, partnerOk, type PartnerResult } from './partner-result';

/**
 * The `mc-legacy` dialect of the national portal (DVCQG), reached through the province's
 * LGSP/NGSP adapter (as OpenCPS's DVCQGIntegrationActionImpl does):
 *
 *   POST <adapterUrl><authPath>         {username, password}          → {session, error_code}
 *   POST <adapterUrl><integrationPath>  {session, madonvi, service, …} → {error_code, message, result}
 *
 * Success is error_code 0 or "00"; any other code is the portal refusing, with its message. The
 * session is kept and reused; an answer saying it is no longer valid (HTTP 401, or error_code
 * 401) logs in again once and repeats the call.
 */
export interface McLegacyPortalOptions {
  readonly adapterUrl: string;
  readonly authPath: string;
  readonly integrationPath: string;
  readonly dstcode?: string;
  readonly username: string;
  readonly password: string;
  readonly madonvi: string;
  readonly timeoutMs: number;
}

const PARTNER = 'DVCQG';
const CodeSchema = z.union([z.number(), z.string()]);
const LoginAnswerSchema = z.looseObject({ error_code: CodeSchema, session: z.string().optional(), message: z.string().nullish() });
const ServiceAnswerSchema = z.looseObject({ error_code: CodeSchema, message: z.string().nullish(), result: z.unknown().optional() });

const isSessionError = (status: number, code: unknown) => status === 401 || code === 401 || code === '401';

export class McLegacyNationalPortal implements NationalPortalAdapter {
  /** One login at a time: calls that find no session wait for the same one. */
  #session: Promise<PartnerResult<string>> | null = null;

  constructor(private readonly options: Readonly<McLegacyPortalOptions>) {}

  async findDossier(maHoSo: string): Promise<PartnerResult<DvcqgDossier | null>> {
    const answer = await this.#call('TraCuuHoSo', { mahoso: maHoSo });
    if (!answer.ok) return answer;
    // The portal answers nothing, an empty list, the record, or a one-record list.
    const result = Array.isArray(answer.value) ? answer.value[0] : answer.value;
    if (result === undefined || result === null || (typeof result === 'object' && Object.keys(result).length === 0)) return partnerOk(null);
    const parsed = DvcqgDossierSchema.safeParse(result);
    if (!parsed.success) return partnerErr('malformed-answer', `${PARTNER} TraCuuHoSo: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return partnerOk(parsed.data);
  }

  async upsertDossier(dossier: DvcqgDossier, options: { readonly isUpdate: boolean }): Promise<PartnerResult<void>> {
    const answer = await this.#call('DongBoHoSoMC', { isUpdating: options.isUpdate ? 'True' : 'False', data: [dossier] });
    return answer.ok ? partnerOk(undefined) : answer;
  }

  async pushProgress(steps: readonly DvcqgProgress[]): Promise<PartnerResult<void>> {
    const answer = await this.#call('CapNhatTienDoHoSoMC', { data: steps });
    return answer.ok ? partnerOk(undefined) : answer;
  }

  /** Forgets the session (e.g. after a config change); the next call logs in. */
  forgetSession(): void {
    this.#session = null;
  }

  #url(path: string): string {
    return `${this.options.adapterUrl.replace(/\/+$/, '')}${path}`;
  }

  #headers(): Record<string, string> {
    return { 'content-type': 'application/json', accept: 'application/json', ...(this.options.dstcode ? { dstcode: this.options.dstcode } : {}) };
  }

  async #login(): Promise<PartnerResult<string>> {
    const { username, password, timeoutMs } = this.options;
    const sent = await callPartner(PARTNER, this.#url(this.options.authPath), { headers: this.#headers(), body: JSON.stringify({ username, password }), timeoutMs });
    if (!sent.ok) return sent;
    if (sent.value.status === 401 || sent.value.status === 403) return partnerErr('unauthorized', `${PARTNER} login: HTTP ${sent.value.status}`, { status: sent.value.status });
    const answer = readSuccessJson(`${PARTNER} login`, sent.value, LoginAnswerSchema);
    if (!answer.ok) return answer;
    if (!isDvcqgSuccess(answer.value.error_code)) {
      return partnerErr('unauthorized', `${PARTNER} login refused: ${answer.value.message ?? 'no message'} (error_code ${answer.value.error_code})`, { code: answer.value.error_code });
    }
    if (!answer.value.session) return partnerErr('malformed-answer', `${PARTNER} login: success without a session`);
    return partnerOk(answer.value.session);
  }

  #currentSession(): Promise<PartnerResult<string>> {
    if (this.#session === null) {
      const pending = this.#login();
      this.#session = pending;
      // A failed login is not cached: the next call tries again.
      void pending.then((r) => {
        if (!r.ok && this.#session === pending) this.#session = null;
      });
    }
    return this.#session;
  }

  /** Drops the cached session if it is still the one the portal refused (another call may have renewed it). */
  async #dropSession(stale: string): Promise<void> {
    const current = this.#session;
    if (current === null) return;
    const r = await current;
    if (this.#session === current && r.ok && r.value === stale) this.#session = null;
  }

  async #call(service: string, params: Record<string, unknown>, renewed = false): Promise<PartnerResult<unknown>> {
    const session = await this.#currentSession();
    if (!session.ok) return session;
    const body = JSON.stringify({ session: session.value, madonvi: this.options.madonvi, service, ...params });
    const sent = await callPartner(`${PARTNER} ${service}`, this.#url(this.options.integrationPath), { headers: this.#headers(), body, timeoutMs: this.options.timeoutMs });
    if (!sent.ok) return sent;
    const { status } = sent.value;
    let code: unknown;
    let answer: z.infer<typeof ServiceAnswerSchema> | null = null;
    if (status >= 200 && status < 300) {
      const read = readJsonAnswer(`${PARTNER} ${service}`, sent.value, ServiceAnswerSchema);
      if (!read.ok) return read;
      answer = read.value;
      code = answer.error_code;
    }
    if (isSessionError(status, code)) {
      await this.#dropSession(session.value);
      if (renewed) return partnerErr('unauthorized', `${PARTNER} ${service}: session refused again after a fresh login`, { status });
      return this.#call(service, params, true);
    }
    if (answer === null) return partnerErr('http-status', `${PARTNER} ${service}: HTTP ${status}`, { status });
    if (!isDvcqgSuccess(answer.error_code)) {
      return partnerErr('rejected', `${PARTNER} ${service}: ${answer.message ?? 'no message'} (error_code ${answer.error_code})`, { code: answer.error_code });
    }
    return partnerOk(answer.result ?? null);
  }
}
