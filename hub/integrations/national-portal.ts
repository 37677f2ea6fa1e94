import type { DvcqgDossier, DvcqgProgress } from '../../core/integrations/dvcqg-records';
import type { PartnerResult } from './partner-result';

/**
 * The national public-service portal (DVCQG), or a province's system in front of it, as motcua
 * uses it: look a dossier up, create or update it, push its processing steps. One implementation
 * per dialect (`mc-legacy` now; VNPT iGate's token + CreateDossier flow could follow), chosen by
 * the province's config. Every call answers a value: the sync queue records a failure and retries.
 */
export interface NationalPortalAdapter {
  /** TraCuuHoSo: the portal's copy of the dossier, or null when it has none. */
  findDossier(maHoSo: string): Promise<PartnerResult<DvcqgDossier | null>>;
  /** DongBoHoSoMC: create (`isUpdate` false) or update the dossier. */
  upsertDossier(dossier: DvcqgDossier, options: { readonly isUpdate: boolean }): Promise<PartnerResult<void>>;
  /** CapNhatTienDoHoSoMC: processing steps, oldest first. */
  pushProgress(steps: readonly DvcqgProgress[]): Promise<PartnerResult<void>>;
}

/**
 * The portal's flow for one dossier: TraCuuHoSo → DongBoHoSoMC (an update when it was found) →
 * CapNhatTienDoHoSoMC with its steps. Stops at the first failure and returns it.
 */
export async function syncDossierToPortal(portal: NationalPortalAdapter, dossier: DvcqgDossier, steps: readonly DvcqgProgress[]): Promise<PartnerResult<{ readonly created: boolean }>> {
  const found = await portal.findDossier(dossier.MaHoSo);
  if (!found.ok) return found;
  const upserted = await portal.upsertDossier(dossier, { isUpdate: found.value !== null });
  if (!upserted.ok) return upserted;
  if (steps.length > 0) {
    const pushed = await portal.pushProgress(steps);
    if (!pushed.ok) return pushed;
  }
  return { ok: true, value: { created: found.value === null } };
}
