import { z } from 'zod';
import { resultSchema } from '../../core/protocol/result-schema';
import { err, ok, type Result } from '../../core/result';
import { hubRestFetch, restFailureKind, type HubAddresses, type HubResponse } from './hub-rest';
import { AdminSessionClient } from './admin-session-client';
import { ProvinceStatsSchema, type ProvinceStats, type ProvinceStatsRange } from '../../core/stats/province-stats';
import { StatsReportSchema, type StatsExportFile, type StatsExportRequest, type StatsRange, type StatsReport } from '../../core/stats/stats-report';

export interface HubStatsClientOptions {
  /** Read at each call (a getter): the socket's address first (hub-rest.ts). */
  readonly hubAddresses: HubAddresses;
  readonly token: string;
  readonly timeoutMs?: number;
}

/**
 * The admin terminal's way to the statistics: the hub's REST routes with this device's token.
 * Reads go over HTTP rather than as socket commands because commands are logged for idempotency
 * (a report per click would fill that log) and because the exports are files the hub already
 * serves; the renderer gets them through the bridge like everything else.
 */
export class HubStatsClient {
  /** The administrator signed in at this terminal: the statistics are theirs to read. */
  readonly session: AdminSessionClient;

  constructor(private readonly options: HubStatsClientOptions) {
    this.session = new AdminSessionClient(options);
  }

  async report(range: StatsRange): Promise<Result<StatsReport>> {
    const res = await this.get(`/api/stats?${new URLSearchParams(range)}`);
    if (!res.ok) return res;
    const parsed = resultSchema(StatsReportSchema).safeParse(await res.value.json().catch(() => null));
    if (!parsed.success) return err('internal', 'Máy chủ trả về số liệu thống kê không đúng định dạng.');
    return parsed.data;
  }

  /** The province's figures (GET /api/province/stats), for a province administrator signed in here. */
  async provinceReport(range: ProvinceStatsRange): Promise<Result<ProvinceStats>> {
    const res = await this.get(`/api/province/stats?${new URLSearchParams(range)}`);
    if (!res.ok) return res;
    const parsed = resultSchema(ProvinceStatsSchema).safeParse(await res.value.json().catch(() => null));
    if (!parsed.success) return err('internal', 'Máy chủ trả về thống kê toàn tỉnh không đúng định dạng.');
    return parsed.data;
  }

  async export(request: StatsExportRequest): Promise<Result<StatsExportFile>> {
    const { format, by, ...range } = request;
    const query = new URLSearchParams(by && format === 'csv' ? { ...range, by } : range);
    return this.file(`/api/stats.${format}?${query}`, `thong-ke.${format}`);
  }

  /** The province's figures as an Excel workbook (GET /api/province/stats.xlsx). */
  provinceExport(range: ProvinceStatsRange): Promise<Result<StatsExportFile>> {
    return this.file(`/api/province/stats.xlsx?${new URLSearchParams(range)}`, 'thong-ke-toan-tinh.xlsx');
  }

  /** A file the hub serves, base64 for the bridge; a refusal comes back as the hub's Result. */
  private async file(path: string, fallbackName: string): Promise<Result<StatsExportFile>> {
    const res = await this.get(path);
    if (!res.ok) return res;
    const body = res.value;
    if (!body.ok) {
      const failure = resultSchema(z.unknown()).safeParse(await body.json().catch(() => null));
      return failure.success && !failure.data.ok ? failure.data : err('internal', `Máy chủ trả lời ${body.status}.`);
    }
    const fileName = /filename="([^"]+)"/.exec(body.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    const bytes = Buffer.from(await body.arrayBuffer());
    return ok({ fileName, mimeType: body.headers.get('content-type') ?? 'application/octet-stream', base64: bytes.toString('base64') });
  }

  private async get(path: string): Promise<Result<HubResponse>> {
    try {
      const res = await hubRestFetch(this.options.hubAddresses, path, {
        headers: { authorization: `Bearer ${this.options.token}`, ...this.session.header() },
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
      return ok(res);
    } catch (e) {
      return err(restFailureKind(e), `Không kết nối được máy chủ: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
