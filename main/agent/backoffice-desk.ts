import { randomUUID } from 'node:crypto';
import type { OfficerView } from '../../core/dossiers/dossier';
import type { BridgeHandlers } from '../../core/protocol/bridge';
import type { CommandName, CommandOutput, CommandRequest } from '../../core/protocol/commands';
import type { Hello } from '../../core/protocol/socket';
import { err, ok, type Result } from '../../core/result';
import type { BridgeFileKind } from './bridge-server';
import type { ContextPiece } from './desk';
import { fetchHubPdf, putHubResult } from './hub-files';
import type { CommandOptions } from './hub-client';
import type { HubAddresses } from './hub-rest';

/** What the back-office desk needs of the hub link (HubClient implements it). */
export interface BackofficeHubLink {
  current(): { readonly hello: Hello | null };
  command<K extends CommandName>(name: K, input: CommandRequest<K>, opts?: CommandOptions): Promise<Result<CommandOutput<K>>>;
}

export type BackofficeHandlers = Pick<BridgeHandlers, 'backoffice:sign-in' | 'backoffice:sign-out' | 'backoffice:list' | 'backoffice:dossier' | 'backoffice:act' | 'backoffice:attach-result'>;

/**
 * A department's back-office terminal: the officer signed in here and the bridge calls that
 * read and move the department's dossiers. Who is signed in is the hub's word: the hello says
 * it on each (re)connection, and each sign-in or sign-out answer says it in between.
 */
export class BackofficeDesk {
  private signedIn: OfficerView | null = null;
  private helloSeen: Hello | null = null;
  readonly handlers: BackofficeHandlers;

  constructor(
    private readonly hub: BackofficeHubLink,
    /** Called when the officer changed, so the screens get a new context. */
    private readonly changed: () => void,
    /** Where the department's dossier PDFs are fetched from (read at each call), with the device's token. */
    private readonly files?: { readonly hubAddresses: HubAddresses; readonly token: string },
  ) {
    this.handlers = {
      // Writes carry the id the screen minted when the officer acted (an older screen sends none).
      'backoffice:sign-in': ({ commandId, ...input }) => this.atBackoffice(() => this.follow(this.hub.command('officer:sign-in', { commandId: commandId ?? randomUUID(), ...input }))),
      'backoffice:sign-out': (input) => this.atBackoffice(() => this.follow(this.hub.command('officer:sign-out', { commandId: input.commandId ?? randomUUID() }))),
      'backoffice:list': (input) => this.atBackoffice(() => this.hub.command('dossier:list', { commandId: randomUUID(), ...input })),
      'backoffice:dossier': (input) => this.atBackoffice(() => this.hub.command('dossier:get', { commandId: randomUUID(), code: input.code })),
      'backoffice:act': ({ commandId, ...input }) => this.atBackoffice(() => this.hub.command('dossier:act', { commandId: commandId ?? randomUUID(), ...input })),
      'backoffice:attach-result': (input) => this.atBackoffice(() => this.attachResult(input.code, input.name, input.pdf)),
    };
  }

  /** The officer signed in at this terminal now, or null. */
  officer(): OfficerView | null {
    const hello = this.hub.current().hello;
    // A new hello (a reconnection) carries what the hub remembers; it replaces what we kept.
    if (hello !== this.helloSeen) {
      this.helloSeen = hello;
      this.signedIn = hello?.officer ?? null;
    }
    return this.signedIn;
  }

  /** The officer signed in, for the terminal context. */
  context(): ContextPiece<'officer'> {
    return { officer: this.officer() };
  }

  /** A dossier's PDF for the screen: the back office sees its department's (the hub checks which). */
  async file(kind: BridgeFileKind, id: string): Promise<Result<{ readonly contentType: string; readonly body: Buffer }> | null> {
    if (kind !== 'dossier-pdf' || !this.files || this.hub.current().hello?.device.role !== 'backoffice') return null;
    const pdf = await fetchHubPdf(this.files.hubAddresses, this.files.token, id);
    return pdf.ok ? ok({ contentType: 'application/pdf', body: pdf.value }) : pdf;
  }

  /** A result file to the hub, then the dossier as the hub has it now (with the new file listed). */
  private async attachResult(code: string, name: string, pdf: Uint8Array): Promise<Result<CommandOutput<'dossier:get'>>> {
    if (!this.files) return err('not-found', 'Máy trạm này không biết địa chỉ máy chủ để gửi tệp kết quả.');
    const sent = await putHubResult(this.files.hubAddresses, this.files.token, code, name, pdf);
    if (!sent.ok) return sent;
    return this.hub.command('dossier:get', { commandId: randomUUID(), code });
  }

  private async follow<T extends { readonly officer: OfficerView | null }>(answer: Promise<Result<T>>): Promise<Result<T>> {
    const r = await answer;
    if (r.ok) {
      this.officer();
      this.signedIn = r.value.officer;
      this.changed();
    }
    return r;
  }

  private async atBackoffice<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
    const role = this.hub.current().hello?.device.role;
    if (role !== undefined && role !== 'backoffice') return err('forbidden', 'Chỉ máy của bộ phận xử lý (phòng chuyên môn) mới dùng được chức năng này.');
    return run();
  }
}
