import { z } from 'zod';
import { OfficerSchema } from '../core/clerks';
import { DepartmentSchema, ProcedureSchema } from '../core/dossiers/catalogue';
import { DOSSIER_CODE_PREFIX } from '../core/dossiers/dossier-code';
import { IdSchema } from '../core/queue/types';
import { CentreConfigSchema, DeviceConfigSchema, PublicBaseUrlSchema, TrustedProxiesSchema } from './schema';

/**
 * A province's configuration (province mode, issue 13): its centres, each described with the
 * pieces of a centre config (services, counters, devices, clerks…) and checked by the centre
 * config's own rules, and its agencies — provincial departments (sở, ban, ngành), districts and
 * communes — with the province-wide catalogue of procedures naming the competent agency of each.
 * Every device, clerk and officer belongs to exactly one centre or agency.
 */

export const AGENCY_KINDS = ['department', 'district', 'commune'] as const;

/** The electronic identifier code of an agency (mã định danh điện tử, Decision 20/2020/QĐ-TTg), e.g. "000.00.31.H26". */
export const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.([A-Z]\d{2})$/;
/** A procedure's code in the national database of administrative procedures, e.g. "1.005129". */
export const NATIONAL_PROCEDURE_CODE = /^\d\.\d{6}$/;

const centreShape = CentreConfigSchema.shape;
const centreHeader = centreShape.centre.shape;

/** One centre of the province: a centre config without the hub section (the province's) or a catalogue (the province's too). */
export const ProvinceCentreSchema = z.strictObject({
  id: IdSchema,
  name: centreHeader.name,
  timeZone: centreHeader.timeZone,
  onPrintFailure: centreHeader.onPrintFailure,
  /** Unique in the province: dossier codes are looked up province-wide. */
  dossierCodePrefix: z.string().regex(DOSSIER_CODE_PREFIX, '2–6 capital letters or digits, e.g. "HK"'),
  /** Short or national (Circular 01/2018) dossier codes; a national one needs the centre's agencyCode, unique in the province. */
  dossierCodes: centreShape.dossierCodes,
  services: centreShape.services,
  counters: centreShape.counters,
  queue: centreShape.queue,
  printers: centreShape.printers,
  devices: centreShape.devices,
  clerks: centreShape.clerks,
  calendar: centreShape.calendar,
  appointments: centreShape.appointments,
  privacy: centreShape.privacy,
  /**
   * Where citizens' phones reach this centre's public pages (ticket, dossier, booking), when it is
   * not `<province.publicBaseUrl>/c/<id>` — a host name of its own, e.g. "https://hoan-kiem.tinh.example.vn".
   */
  publicBaseUrl: PublicBaseUrlSchema.optional(),
});
export type ProvinceCentre = z.infer<typeof ProvinceCentreSchema>;

export const AgencySchema = z.strictObject({
  id: IdSchema,
  /** As a department's (a centre's hub shows an agency where it shows a department). */
  name: DepartmentSchema.shape.name,
  kind: z.enum(AGENCY_KINDS),
  code: z.string().regex(AGENCY_CODE, 'an electronic identifier code "NNN.NN.NN.XNN", e.g. "000.00.31.H26"'),
  /** The agency's back-office devices (role backoffice). */
  devices: z.array(DeviceConfigSchema).default([]),
  /** Its officers: they sign in at its back-office devices. */
  officers: z.array(OfficerSchema.omit({ departmentId: true })).default([]),
});
export type Agency = z.infer<typeof AgencySchema>;

/** A procedure of the province's catalogue: any centre receives it, the competent agency processes it. */
export const ProvinceProcedureSchema = ProcedureSchema.omit({ code: true, serviceId: true, departmentId: true }).extend({
  code: z.string().regex(NATIONAL_PROCEDURE_CODE, 'a national procedure code "N.NNNNNN", e.g. "1.005129"'),
  /** The field (lĩnh vực): the id of the queue service a centre receives it under. */
  field: IdSchema,
  competentAgencyId: IdSchema,
});
export type ProvinceProcedure = z.infer<typeof ProvinceProcedureSchema>;

/** A province centre as the centre config it is, for the centre config's own checks. */
function asCentreConfig(c: ProvinceCentre): unknown {
  const { id: _id, name, timeZone, onPrintFailure, publicBaseUrl: _url, ...rest } = c;
  return { ...rest, centre: { name, timeZone, onPrintFailure } };
}

export const ProvinceConfigSchema = z
  .strictObject({
    province: z.strictObject({
      name: z.string().min(1).max(200),
      /** The province's part of its agencies' identifier codes, e.g. "H26" in "000.00.31.H26". */
      code: z.string().regex(/^[A-Z]\d{2}$/, 'a capital letter and two digits, e.g. "H26"'),
      /**
       * The one address in front of the hub processes (docs/nginx/province.conf.template), e.g.
       * "https://tinh.example.vn": each centre's public pages are at `<publicBaseUrl>/c/<centre id>`
       * (the front's location per centre), so tickets' and receipts' QR codes and messages link
       * there. Absent (and no centre's own): no public pages are offered, as for a centre without
       * `hub.publicBaseUrl`.
       */
      publicBaseUrl: PublicBaseUrlSchema.optional(),
      /** The front's addresses (IP or CIDR): its X-Forwarded-For names the citizen, so the public pages' per-address limits count citizens, not the front. */
      trustedProxies: TrustedProxiesSchema.optional(),
    }),
    agencies: z.array(AgencySchema).min(1),
    procedures: z.array(ProvinceProcedureSchema).default([]),
    centres: z.array(ProvinceCentreSchema).min(1),
  })
  .superRefine((cfg, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    // `secret`: the value is not repeated in the message (a device token).
    // `undefined` values are not compared (a device without a token pairs instead).
    const unique = <T>(list: readonly T[], at: (i: number) => PropertyKey[], value: (item: T) => string | undefined, what: string, secret = false) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const v = value(item);
        if (v === undefined) return;
        if (seen.has(v)) issue(at(i), secret ? `${what} already used by another device` : `duplicate ${what} "${v}"`);
        seen.add(v);
      });
    };
    unique(cfg.centres, (i) => ['centres', i, 'id'], (c) => c.id, 'centre id');
    unique(cfg.centres, (i) => ['centres', i, 'dossierCodePrefix'], (c) => c.dossierCodePrefix, 'dossier code prefix (dossier codes must be unique in the province)');
    unique(cfg.centres, (i) => ['centres', i, 'dossierCodes', 'agencyCode'], (c) => c.dossierCodes.agencyCode, 'dossier codes agency code (dossier codes must be unique in the province)');
    unique(cfg.agencies, (i) => ['agencies', i, 'id'], (a) => a.id, 'agency id');
    unique(cfg.agencies, (i) => ['agencies', i, 'code'], (a) => a.code, 'agency code');
    unique(cfg.procedures, (i) => ['procedures', i, 'code'], (p) => p.code, 'procedure code');

    cfg.agencies.forEach((a, i) => {
      const province = AGENCY_CODE.exec(a.code)?.[1];
      if (province !== undefined && province !== cfg.province.code) issue(['agencies', i, 'code'], `"${a.code}" is not a code of this province (${cfg.province.code})`);
      unique(a.devices, (j) => ['agencies', i, 'devices', j, 'id'], (d) => d.id, 'device id');
      unique(a.devices, (j) => ['agencies', i, 'devices', j, 'token'], (d) => d.token, 'token', true);
      unique(a.officers, (j) => ['agencies', i, 'officers', j, 'id'], (o) => o.id, 'officer id');
      a.devices.forEach((d, j) => {
        if (d.role !== 'backoffice') issue(['agencies', i, 'devices', j, 'role'], `an agency's devices are backoffice devices, not ${d.role}`);
        if (d.departmentId !== undefined && d.departmentId !== a.id) issue(['agencies', i, 'devices', j, 'departmentId'], `omit it, or "${a.id}": the device belongs to this agency`);
      });
    });

    const agencyIds = cfg.agencies.map((a) => a.id);
    const fields = new Set(cfg.centres.flatMap((c) => c.services.map((s) => s.id)));
    cfg.procedures.forEach((p, i) => {
      if (!agencyIds.includes(p.competentAgencyId)) issue(['procedures', i, 'competentAgencyId'], `unknown agency "${p.competentAgencyId}" (known: ${agencyIds.join(', ')})`);
      if (!fields.has(p.field)) issue(['procedures', i, 'field'], `no centre has a service "${p.field}" (known: ${[...fields].join(', ')})`);
    });

    // Each centre by the centre config's own rules (counters' services, number blocks, devices' counters…).
    cfg.centres.forEach((c, i) => {
      const checked = CentreConfigSchema.safeParse(asCentreConfig(c));
      if (checked.success) return;
      for (const problem of checked.error.issues) {
        const path = problem.path[0] === 'centre' ? problem.path.slice(1) : problem.path;
        issue(['centres', i, ...path], problem.message);
      }
    });

    // One owner each, across centres and agencies: a device (and its token), a clerk or an officer.
    // Duplicates inside one owner are the centre rules' to report; here only those across owners.
    const owners = new Map<string, string>();
    const claim = (kind: string, id: string, owner: string, path: PropertyKey[]) => {
      const key = `${kind}:${id}`;
      const first = owners.get(key);
      if (first === undefined) owners.set(key, owner);
      else if (first !== owner) issue(path, `${kind} "${id}" already belongs to ${first}; each belongs to one centre or agency`);
    };
    const tokens = new Map<string, string>();
    const claimToken = (token: string | undefined, owner: string, path: PropertyKey[]) => {
      if (token === undefined) return;
      const first = tokens.get(token);
      if (first === undefined) tokens.set(token, owner);
      else if (first !== owner) issue(path, `token already used by a device of ${first}`);
    };
    cfg.centres.forEach((c, i) => {
      const owner = `centre "${c.id}"`;
      c.devices.forEach((d, j) => {
        claim('device', d.id, owner, ['centres', i, 'devices', j, 'id']);
        claimToken(d.token, owner, ['centres', i, 'devices', j, 'token']);
      });
      c.clerks.forEach((p, j) => claim('person', p.id, owner, ['centres', i, 'clerks', j, 'id']));
    });
    cfg.agencies.forEach((a, i) => {
      const owner = `agency "${a.id}"`;
      a.devices.forEach((d, j) => {
        claim('device', d.id, owner, ['agencies', i, 'devices', j, 'id']);
        claimToken(d.token, owner, ['agencies', i, 'devices', j, 'token']);
      });
      a.officers.forEach((p, j) => claim('person', p.id, owner, ['agencies', i, 'officers', j, 'id']));
    });
  });

export type ProvinceConfig = z.infer<typeof ProvinceConfigSchema>;
export type ProvinceConfigInput = z.input<typeof ProvinceConfigSchema>;
