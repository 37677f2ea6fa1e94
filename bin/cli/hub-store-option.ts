import { IdSchema } from '../../core/queue/types';
import type { HubStoreChoice } from '../../hub/store/hub-backend';
import { redactUrl, StoreToolError } from '../../hub/store/pg/tool-error';

/**
 * `motcua hub --store … --centre …` as the hub's store choice: no --store, the SQLite file;
 * `--store postgres://…` with the centre this process serves (required: every row belongs to one).
 * Anything else is a typed refusal before anything opens.
 */
export function hubStoreChoiceOf(opts: { readonly store?: string; readonly centre?: string; readonly poolSize?: number }): HubStoreChoice {
  if (opts.store === undefined) {
    if (opts.poolSize !== undefined) throw new StoreToolError('invalid-input', '--pool-size chỉ dùng với --store postgres://… (tệp SQLite không có kết nối nào để chia).', '--pool-size goes with --store postgres://… only (the SQLite file has no connections to share).');
    return { kind: 'sqlite' };
  }
  if (!/^postgres(ql)?:\/\//.test(opts.store)) {
    throw new StoreToolError('invalid-input', `--store phải là địa chỉ postgres://…, không phải "${redactUrl(opts.store)}".`, `--store must be a postgres://… URL, not "${redactUrl(opts.store)}".`);
  }
  const centre = IdSchema.safeParse(opts.centre);
  if (!centre.success) {
    throw new StoreToolError('invalid-input', 'Với --store postgres://… cần --centre <mã trung tâm> (chữ thường, số, gạch ngang): mỗi tiến trình phục vụ một trung tâm.', '--store postgres://… needs --centre <centre id> (lower-case letters, digits, hyphens): each process serves one centre.');
  }
  return { kind: 'postgres', url: opts.store, centreId: centre.data, ...(opts.poolSize !== undefined ? { poolSize: opts.poolSize } : {}) };
}
