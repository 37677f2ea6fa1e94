import { z } from 'zod';
import { err, ok, type Result } from '../result';
import type { DossierStatus } from './dossier-state';

/** A centre as a dossier names it: where it was received, where the result is collected. */
export const CentreRefSchema = z.object({ id: z.string(), name: z.string() });
export type CentreRef = z.infer<typeof CentreRefSchema>;

/**
 * The centres a hub knows: its own (`here`) and those a citizen may choose to collect a result at
 * (nơi trả kết quả). A province hub knows every centre of the province; a single-centre SQLite
 * hub only itself.
 */
export interface CentreDirectory {
  readonly here: CentreRef;
  /** Every centre known, `here` among them (both constructors below put it there). */
  readonly centres: readonly CentreRef[];
}

/** The id of the one centre a single-centre (SQLite) hub is: its rooms and its dossiers carry it. */
export const SINGLE_CENTRE_ID = 'local';

/** A directory of one centre (the single-centre hub, and repositories built without a province). */
export function singleCentreDirectory(here: CentreRef): CentreDirectory {
  return { here, centres: [here] };
}

/**
 * The directory of a hub: a province centre (PostgreSQL) knows the province's centres; a
 * single-centre hub (SQLite) knows only itself, whatever its config lists.
 */
export function centreDirectoryOf(here: CentreRef, provinceCentres: readonly CentreRef[] | undefined): CentreDirectory {
  if (provinceCentres === undefined) return singleCentreDirectory(here);
  const own = provinceCentres.find((c) => c.id === here.id);
  return { here: own ?? here, centres: own ? provinceCentres : [here, ...provinceCentres] };
}

/** The name the directory gives a centre id; the id itself for one it does not know (a centre removed from the province file). */
export function centreRefOf(directory: CentreDirectory, id: string): CentreRef {
  return directory.centres.find((c) => c.id === id) ?? { id, name: id };
}

/**
 * Where the citizen collects the result: the centre `collectAt` names, or the receiving centre
 * (`here`) by default. An id the directory does not know is refused, naming the field and the
 * known centres.
 */
export function collectCentreOf(directory: CentreDirectory, collectAt: string | undefined): Result<CentreRef> {
  if (collectAt === undefined) return ok(directory.here);
  const found = directory.centres.find((c) => c.id === collectAt);
  if (found) return ok(found);
  const known = directory.centres.map((c) => `${c.id} (${c.name})`).join(', ');
  return err('invalid-input', `collectAt: không có trung tâm "${collectAt}" để trả kết quả. Các trung tâm: ${known}.`);
}

/** Whether the collecting centre's counters hear of the dossier: once the result is ready, and after. */
export function readyForCollection(status: DossierStatus): boolean {
  return status === 'done' || status === 'returned';
}

/**
 * The centres whose counters hear of a change to the dossier: the receiving centre always, the
 * collecting centre once the result is ready (done) and after (returned). Deduplicated.
 */
export function counterCentresOf(d: { readonly status: DossierStatus; readonly receivedAtCentre: CentreRef; readonly collectAtCentre: CentreRef }): string[] {
  const ids = [d.receivedAtCentre.id];
  if (readyForCollection(d.status) && d.collectAtCentre.id !== d.receivedAtCentre.id) ids.push(d.collectAtCentre.id);
  return ids;
}

/** What a counter of centre `centreId` may do with a dossier: nothing, view it, or hand the result back too. */
export type CounterAccess = 'none' | 'view' | 'return';

/**
 * The receiving centre's counters view the dossier (and hand the result back when they are also
 * the collecting centre); the collecting centre's counters view it and hand the result back;
 * any other centre's counters: nothing (`forbidden`).
 */
export function counterAccess(centreId: string, d: { readonly receivedAtCentre: CentreRef; readonly collectAtCentre: CentreRef }): CounterAccess {
  if (d.collectAtCentre.id === centreId) return 'return';
  if (d.receivedAtCentre.id === centreId) return 'view';
  return 'none';
}
