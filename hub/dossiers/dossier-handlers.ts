import type { CommandName } from '../../core/protocol/commands';
import type { OfficerDesk } from '../clerks/officer-desk';
import type { HandlersFor } from '../commands/command-runner';
import type { DossierService } from './dossier-service';

/** Dossiers from the counter to the back office and back, and the officers who act on them. */
export const DOSSIER_COMMANDS = [
  'dossier:receive',
  'dossier:act',
  'dossier:lookup',
  'dossier:list',
  'dossier:get',
  'dossier:ready',
  'dossier:lease-codes',
  'dossier:attach-result',
  'officer:sign-in',
  'officer:sign-out',
] as const satisfies readonly CommandName[];

export interface DossierHandlerDeps {
  readonly dossiers: DossierService;
  /** dossier:act needs an officer signed in at the back-office device. */
  readonly officers: OfficerDesk;
}

export function dossierHandlers({ dossiers, officers }: DossierHandlerDeps): HandlersFor<typeof DOSSIER_COMMANDS> {
  return {
    'dossier:receive': async (ctx, input) => dossiers.receive(ctx, input),
    'dossier:act': async (ctx, input) => dossiers.act(ctx, input),
    'dossier:lookup': async (ctx, input) => dossiers.lookup(ctx, input),
    'dossier:list': async (ctx, input) => dossiers.list(ctx, input),
    'dossier:get': async (ctx, input) => dossiers.get(ctx, input),
    'dossier:ready': async (ctx) => dossiers.ready(ctx),
    'dossier:lease-codes': async (ctx, input) => dossiers.leaseCodes(ctx, input),
    'dossier:attach-result': async (ctx, input) => dossiers.attachResult(ctx, input),
    'officer:sign-in': async (ctx, input) => officers.signIn(ctx, input),
    'officer:sign-out': async (ctx, input) => officers.signOut(ctx, input),
  };
}
