import { z } from 'zod';
import { AgencyCodeSchema } from '../core/dossiers/catalogue';
import { compileDossierCodePattern, DEFAULT_NATIONAL_CODE_PATTERN } from '../core/integrations/national-dossier-code';

/**
 * `dossierCodes`: how the centre numbers dossiers (core/dossiers/code-format.ts). `short` (the
 * default, what existing centres print): `<dossierCodePrefix>-YYMMDD-NNNN`. `national` (Circular
 * 01/2018): `agencyCode` (the receiving agency's electronic code, Decision 20/2020/QĐ-TTg), the
 * date and the day's sequence, laid out by `pattern`. Lookups accept both forms either way.
 */
export const DossierCodesConfigSchema = z.strictObject({
  format: z.enum(['short', 'national']).default('short'),
  agencyCode: AgencyCodeSchema.optional(),
  pattern: z
    .string()
    .default(DEFAULT_NATIONAL_CODE_PATTERN)
    .superRefine((p, ctx) => {
      const r = compileDossierCodePattern(p);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error.message });
    }),
});
export type DossierCodesConfig = z.infer<typeof DossierCodesConfigSchema>;

interface CodeParts {
  readonly dossierCodes: DossierCodesConfig;
  readonly integrations: { readonly nationalPortal?: { readonly madonvi: string; readonly dossierCodePattern: string } | undefined };
}

/** Refusals of the whole config: national codes need the agency code, the same the national portal is told. */
export function checkDossierCodes(cfg: CodeParts, ctx: z.RefinementCtx): void {
  const { format, agencyCode, pattern } = cfg.dossierCodes;
  if (format !== 'national') return;
  const portal = cfg.integrations.nationalPortal;
  if (agencyCode === undefined) {
    const hint = portal ? `, e.g. the portal's madonvi "${portal.madonvi}"` : ', e.g. "000.00.31.H26"';
    ctx.addIssue({ code: 'custom', path: ['dossierCodes', 'agencyCode'], message: `national codes need the agency's code (Decision 20/2020)${hint}` });
    return;
  }
  if (portal !== undefined && agencyCode !== portal.madonvi) {
    ctx.addIssue({ code: 'custom', path: ['dossierCodes', 'agencyCode'], message: `"${agencyCode}" differs from integrations.nationalPortal.madonvi "${portal.madonvi}": the national portal would receive codes of another agency` });
  }
  if (portal !== undefined && pattern !== portal.dossierCodePattern) {
    ctx.addIssue({ code: 'custom', path: ['dossierCodes', 'pattern'], message: `"${pattern}" differs from integrations.nationalPortal.dossierCodePattern "${portal.dossierCodePattern}": one layout for both` });
  }
}
