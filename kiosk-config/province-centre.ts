import { err, ok, type Result } from '../core/result';
import { describeIssues } from '../core/validation';
import type { ProvinceConfig } from './province-schema';
import { CentreConfigSchema, type CentreConfig, type CentreConfigInput } from './schema';

/** A centre's public pages on the province's front: `<base>/c/<centre id>` (docs/nginx/province.conf.template's location). */
export function provincePublicBaseUrl(base: string, centreId: string): string {
  return `${base}/c/${centreId}`;
}

/**
 * One centre of a province as a centre config, the shape today's hub runs on: its own services,
 * counters, devices and clerks; the province's agencies as its departments, with their officers;
 * and from the province's catalogue every procedure it can receive — those whose field is one of
 * its services — with the competent agency as the department that processes it; and the agencies'
 * back-office devices, which every centre's hub admits. `hub` is the deployment's (host, port,
 * data dir…), not the province file's; the centre's public address and the front's addresses
 * come from the province file (`hub` may override them).
 */
export function centreConfigOf(province: ProvinceConfig, centreId: string, hub: CentreConfigInput['hub'] = {}): Result<CentreConfig> {
  const centre = province.centres.find((c) => c.id === centreId);
  if (centre === undefined) return err('not-found', `no centre "${centreId}" in the province (known: ${province.centres.map((c) => c.id).join(', ')})`);
  const { id: _id, name, timeZone, onPrintFailure, publicBaseUrl: own, ...parts } = centre;
  // The centre's public pages: its own address, or its path on the province's front (`location /c/<id>/`).
  const publicBaseUrl = own ?? (province.province.publicBaseUrl === undefined ? undefined : provincePublicBaseUrl(province.province.publicBaseUrl, centreId));
  const trustedProxies = province.province.trustedProxies;
  const fields = new Set(centre.services.map((s) => s.id));
  // The agencies' back offices are the province's, not a centre's: known at every centre's hub, so
  // they connect to any centre's address and hear of their dossiers from every centre.
  const agencyDevices = province.agencies.flatMap((a) => a.devices.map((d) => ({ ...d, departmentId: a.id })));
  const input: CentreConfigInput = {
    ...parts,
    devices: [...parts.devices, ...agencyDevices],
    centre: { name, timeZone, onPrintFailure },
    hub: { ...(publicBaseUrl ? { publicBaseUrl } : {}), ...(trustedProxies ? { trustedProxies } : {}), ...hub },
    departments: province.agencies.map((a) => ({ id: a.id, name: a.name, agencyCode: a.code })),
    provinceCentres: province.centres.map((c) => ({ id: c.id, name: c.name })),
    officers: province.agencies.flatMap((a) => a.officers.map((o) => ({ ...o, departmentId: a.id }))),
    procedures: province.procedures
      .filter((p) => fields.has(p.field))
      .map(({ code, name: procedureName, field, competentAgencyId, processing, fee, documents }) => ({
        code,
        nationalCode: code,
        name: procedureName,
        serviceId: field,
        departmentId: competentAgencyId,
        processing,
        fee,
        documents,
      })),
  };
  const parsed = CentreConfigSchema.safeParse(input);
  if (!parsed.success) return err('invalid-input', describeIssues(`centre "${centreId}" of the province`, parsed.error));
  return ok(parsed.data);
}
