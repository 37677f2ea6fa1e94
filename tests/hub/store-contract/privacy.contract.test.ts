import { TicketReminderRepository } from '../../../hub/public/ticket-reminder-repository';
import { PgTicketReminderRepository } from '../../../hub/store/pg/pg-ticket-reminder-repository';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../hub/audit/audit-log';
import { verifyAllChains, type ChainReport } from '../../../hub/audit/chain-verifier';
import { CommandLog } from '../../../hub/commands/command-log';
import { DossierRepository } from '../../../hub/dossiers/dossier-repository';
import type { NewDossier } from '../../../hub/dossiers/dossier-rows';
import { OutboxRepository } from '../../../hub/integrations/outbox-repository';
import { PersonalDataStore, QUEUE_NEAR_ERASED_ERROR } from '../../../hub/privacy/personal-data-store';
import { PrivacyRequestRepository } from '../../../hub/privacy/privacy-request-repository';
import { PrivacyRequests, type PrivacyDeps } from '../../../hub/privacy/privacy-requests';
import { ERASED_PHONE, RetentionPurge } from '../../../hub/privacy/retention-purge';
import { DirectoryBlobs } from '../../../hub/dossiers/directory-blobs';
import type { DossierBlobs } from '../../../hub/dossiers/dossier-blobs';
import { PgDossierBlobs } from '../../../hub/store/pg/pg-dossier-blobs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TicketRepository } from '../../../hub/queue/ticket-repository';
import { RatingRepository } from '../../../hub/ratings/rating-repository';
import { asyncOf, type Async } from '../../../hub/store/async-of';
import { verifyCentreChains } from '../../../hub/store/pg/chain-verify';
import { PgAuditLog } from '../../../hub/store/pg/pg-audit-log';
import { PgCommandLog } from '../../../hub/store/pg/pg-command-log';
import { PgOutboxRepository } from '../../../hub/store/pg/pg-outbox-repository';
import { PgDossierRepository } from '../../../hub/store/pg/pg-dossier-repository';
import { PgPersonalDataStore } from '../../../hub/store/pg/pg-personal-data-store';
import { PgPrivacyRequestRepository } from '../../../hub/store/pg/pg-privacy-request-repository';
import { PgRatingRepository } from '../../../hub/store/pg/pg-rating-repository';
import { PgTicketRepository } from '../../../hub/store/pg/pg-ticket-repository';
import { SqliteStore } from '../../../hub/store/sqlite/sqlite-store';
import { DOSSIER_NOTIFY_ERASED_ERROR } from '../../../hub/privacy/personal-data-store';
import { warnIfPostgresMissing } from '../../support/postgres';
import { CLOCK, storeKinds, type Twin } from './stores';

/**
 * PersonalDataStore's and PrivacyRequestRepository's contract on both stores, through the
 * PrivacyRequests and RetentionPurge that hold them: a citizen's export, an erasure refused while
 * a dossier is open and then done (rows kept, logged answers scrubbed, the CCCD masked in the
 * record), and a purge (old command log, phone numbers in old comments, applicants anonymised,
 * dossiers deleted) after which the centre's chains still verify — the deleted control-sheet
 * rows bridged by the purge's audit record. On PostgreSQL: per centre, and two purges at once
 * over two connections delete each dossier once and record one purge.
 */

warnIfPostgresMissing('privacy contract');

interface PrivacyStore {
  readonly deps: PrivacyDeps;
  readonly tickets: Twin<TicketRepository>;
  readonly dossiers: Twin<DossierRepository>;
  readonly ratings: Twin<RatingRepository>;
  readonly log: Twin<CommandLog>;
  readonly audit: Twin<AuditLog>;
  readonly outbox: Twin<OutboxRepository>;
  /** The dossiers' file bytes: a fresh directory (SQLite), the dossier_blobs table (PostgreSQL). */
  readonly blobs: DossierBlobs;
  verifyChains(): Promise<ChainReport>;
  /** Rows of this store's (centre's) table, as SQL text with no parameters. */
  read(sql: string): Promise<Record<string, unknown>[]>;
}

const KINDS = storeKinds<PrivacyStore>(
  {
    sqlite(db) {
      const audit = new AuditLog(db, CLOCK);
      return {
        deps: { store: new SqliteStore(db), personalData: asyncOf(new PersonalDataStore(db)), privacyRequests: asyncOf(new PrivacyRequestRepository(db)), audit: asyncOf(audit), reminders: asyncOf(new TicketReminderRepository(db)) },
        tickets: new TicketRepository(db),
        dossiers: new DossierRepository(db),
        ratings: new RatingRepository(db),
        log: new CommandLog(db),
        audit,
        outbox: new OutboxRepository(db),
        blobs: new DirectoryBlobs(mkdtempSync(path.join(tmpdir(), 'motcua-blobs-'))),
        verifyChains: async () => verifyAllChains(db),
        read: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
      };
    },
    postgres({ store, pool }, centre) {
      const audit = new PgAuditLog(store, centre, CLOCK);
      return {
        deps: { store, personalData: new PgPersonalDataStore(store.sql, centre), privacyRequests: new PgPrivacyRequestRepository(store.sql, centre), audit, reminders: new PgTicketReminderRepository(store.sql, centre) },
        tickets: new PgTicketRepository(store.sql, centre),
        dossiers: new PgDossierRepository(store.sql, centre),
        ratings: new PgRatingRepository(store.sql, centre),
        log: new PgCommandLog(store.sql, centre),
        audit,
        outbox: new PgOutboxRepository(store.sql, centre),
        blobs: new PgDossierBlobs(store),
        verifyChains: () => verifyCentreChains(store.sql, centre),
        // Every table read here has centre_id; the column is left out so both stores give the same rows.
        read: async (sql) => (await pool.query(sql.replace(/\bWHERE\b/, `WHERE centre_id = '${centre}' AND`))).rows.map(({ centre_id: _c, ...rest }) => rest),
      };
    },
  },
  6,
);

const CCCD = '001190012345';
const NAME = 'Nguyễn Thị Hồng Nhung';
const NOW = new Date('2026-12-03T03:00:00.000Z');

function names() {
  const run = randomUUID().slice(0, 8).toUpperCase();
  return (seq: number) => `P${run}-261203-${String(seq).padStart(4, '0')}`;
}

function dossier(code: string, seq: number, ticketId: number | null, receivedAt: string, idNumber = CCCD): NewDossier {
  return {
    code, day: '261203', seq,
    procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', departmentId: 'so-tu-phap', serviceId: 'ho-tich',
    applicant: { fullName: NAME, idNumber, dateOfBirth: '1990-05-17', address: 'Số 12 phố Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912345678' },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true }],
    fee: 8000, feePaid: 8000, ticketId, receivedAt, receivedBy: 'quay-1',
    dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', collectCentreId: null,
  };
}

const historyEntry = (at: string, action: 'receive' | 'return', toStatus: 'received' | 'returned') => ({
  at, action, fromStatus: action === 'receive' ? null : ('done' as const), toStatus, deviceId: 'quay-1', role: 'counter' as const, actorName: 'Trần Văn An', note: null, newDueAt: null, unit: null,
});

/** Received at `receivedAt` with its control sheet; returned at `returnedAt` if given. */
async function seedDossier(s: PrivacyStore, code: string, seq: number, receivedAt: string, returnedAt: string | null, ticketId: number | null = null, idNumber = CCCD): Promise<void> {
  await s.deps.store.transaction(async () => {
    await s.dossiers.insert(dossier(code, seq, ticketId, receivedAt, idNumber));
    await s.dossiers.record(code, historyEntry(receivedAt, 'receive', 'received'));
    if (returnedAt) {
      await s.dossiers.update(code, { status: 'returned', dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', missing: [], at: returnedAt });
      await s.dossiers.record(code, historyEntry(returnedAt, 'return', 'returned'));
    }
  });
}

const POLICY = { ratingPhoneDays: 90, applicantDataAfterReturnYears: 1, dossiersAfterReturnYears: 2 };
const purgeOf = (s: PrivacyStore) => new RetentionPurge({ privacy: s.deps, policy: POLICY, commandLogRetentionDays: 7, blobs: s.blobs, clock: () => NOW });

describe.each(KINDS)('privacy contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('exports a citizen; refuses to erase while a dossier is open; erases after the return, keeping the rows and masking the record', async () => {
      const s = await kind.fresh();
      const code = names();
      const ticket = await s.deps.store.transaction(async () => s.tickets.insertTicket('2026-12-03', 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'));
      await s.deps.store.transaction(async () => s.ratings.insert({ ticketId: ticket.id, rating: 4, comment: 'Rất tốt', serviceId: 'ho-tich', counterId: 'quay-1', clerkId: null, ratedAt: '2026-12-03T01:20:00.000Z', day: '2026-12-03', ratedBy: 'kiosk-1' }));
      await seedDossier(s, code(1), 1, '2026-12-03T01:10:00.000Z', '2026-12-03T02:00:00.000Z', ticket.id);
      await seedDossier(s, code(2), 2, '2026-12-03T01:30:00.000Z', null);
      await seedDossier(s, code(3), 3, '2026-12-03T01:40:00.000Z', null, null, '001190099999');
      await s.deps.store.transaction(async () => s.log.record(`cmd-${code(1)}`, 'quay-1', 'dossier:receive', JSON.stringify({ ok: true, value: { applicant: { fullName: NAME, idNumber: CCCD } } }), '2026-12-03T01:10:00.000Z', true));
      const requests = new PrivacyRequests(s.deps, () => NOW);

      const exported = await requests.export(CCCD, 'Nguyễn Thị Lan');
      if (!exported.ok) throw new Error(exported.error.message);
      expect(exported.value.dossiers.map((d) => d.dossier.code)).toEqual([code(1), code(2)]);
      expect(exported.value.dossiers[0]).toMatchObject({
        dossier: { code: code(1), status: 'returned', applicant_name: NAME, applicant_id_number: CCCD, applicant_phone: '0912345678' },
        documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
        history: [{ action: 'receive' }, { action: 'return' }],
        rating: { rating: 4, comment: 'Rất tốt' },
        file: null,
      });
      expect(exported.value.dossiers[0]!.dossier).not.toHaveProperty('centre_id');
      expect(await requests.export('0011900', 'x')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

      expect(await requests.erase(CCCD, 'Nguyễn Thị Lan')).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining(`${code(2)} (received)`) } });
      expect((await s.read(`SELECT applicant_id_number FROM dossiers WHERE applicant_name <> '' ORDER BY code`)).map((r) => r.applicant_id_number)).toEqual([CCCD, CCCD, '001190099999']);

      await s.deps.store.transaction(async () => s.dossiers.update(code(2), { status: 'returned', dueAt: '2026-12-04T10:00:00.000Z', dueLocal: '2026-12-04T17:00', missing: [], at: '2026-12-03T02:30:00.000Z' }));
      expect(await requests.erase(CCCD, 'Nguyễn Thị Lan')).toEqual({ ok: true, value: { erased: [code(1), code(2)] } });
      expect(await requests.export(CCCD, 'Nguyễn Thị Lan')).toMatchObject({ ok: true, value: { dossiers: [] } });
      expect(await s.read(`SELECT code, applicant_name, applicant_id_number, applicant_phone, anonymised_at FROM dossiers WHERE status = 'returned' ORDER BY code`)).toEqual([
        { code: code(1), applicant_name: '(đã ẩn danh)', applicant_id_number: '************', applicant_phone: null, anonymised_at: NOW.toISOString() },
        { code: code(2), applicant_name: '(đã ẩn danh)', applicant_id_number: '************', applicant_phone: null, anonymised_at: NOW.toISOString() },
      ]);
      expect(JSON.stringify(await s.read(`SELECT result_json FROM commands WHERE ok = 1`))).not.toMatch(/001190012345|Hồng Nhung/);
      // The other citizen is untouched.
      expect(await s.read(`SELECT applicant_name FROM dossiers WHERE code = '${code(3)}'`)).toEqual([{ applicant_name: NAME }]);

      expect((await requests.requests()).map(({ kind: k, subject, requestedBy, outcome, at }) => ({ k, subject, requestedBy, outcome, at }))).toEqual([
        { k: 'export', subject: '0011******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'done', at: NOW.toISOString() },
        { k: 'erase', subject: '0011******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'refused', at: NOW.toISOString() },
        { k: 'erase', subject: '0011******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'done', at: NOW.toISOString() },
        { k: 'export', subject: '0011******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'done', at: NOW.toISOString() },
      ]);
      expect((await s.audit.list()).map((e) => [e.action, e.subject])).toEqual([
        ['privacy.export', '0011******45'],
        ['privacy.erase', '0011******45'],
        ['privacy.erase', '0011******45'],
        ['privacy.export', '0011******45'],
      ]);
      expect(await s.verifyChains()).toMatchObject({ ok: true });
    });

    it('purges by policy: old command log, phones in old comments, applicants anonymised, dossiers deleted; the chains still verify; a second run finds nothing', async () => {
      const s = await kind.fresh();
      const code = names();
      // Oldest first, so the deleted dossier's control-sheet rows sit before the kept ones in the chain.
      await seedDossier(s, code(1), 1, '2023-11-01T02:00:00.000Z', '2024-01-10T02:00:00.000Z');
      await seedDossier(s, code(2), 2, '2025-05-01T02:00:00.000Z', '2025-06-01T02:00:00.000Z');
      await seedDossier(s, code(3), 3, '2024-01-01T02:00:00.000Z', null);
      await seedDossier(s, code(4), 4, '2026-11-01T02:00:00.000Z', '2026-11-20T02:00:00.000Z');
      const t1 = await s.deps.store.transaction(async () => s.tickets.insertTicket('2026-01-01', 'ho-tich', 1001, '2026-01-01T01:00:00.000Z', 'kiosk-1', 'normal'));
      const t2 = await s.deps.store.transaction(async () => s.tickets.insertTicket('2026-11-30', 'ho-tich', 1001, '2026-11-30T01:00:00.000Z', 'kiosk-1', 'normal'));
      const rate = (ticketId: number, comment: string, ratedAt: string) =>
        s.deps.store.transaction(async () => s.ratings.insert({ ticketId, rating: 2, comment, serviceId: 'ho-tich', counterId: 'quay-1', clerkId: null, ratedAt, day: ratedAt.slice(0, 10), ratedBy: 'kiosk-1' }));
      await rate(t1.id, 'Gọi lại cho tôi: 0912 345 678', '2026-01-01T02:00:00.000Z');
      await rate(t2.id, 'Gọi lại cho tôi: 0912 345 678', '2026-11-30T02:00:00.000Z');
      await s.deps.store.transaction(async () => {
        await s.log.record(`old-${code(1)}`, 'quay-1', 'ticket:start', '{}', '2026-11-01T02:00:00.000Z', true);
        await s.log.record(`new-${code(1)}`, 'quay-1', 'ticket:start', '{}', '2026-12-02T02:00:00.000Z', true);
      });

      const report = await purgeOf(s).runNow();
      expect(report).toEqual({ at: NOW.toISOString(), commandLogEntries: 1, ratingPhones: 1, anonymisedDossiers: 2, deletedDossiers: 1, reminderPhones: 0 });
      expect((await s.read(`SELECT code, applicant_name FROM dossiers WHERE code <> '' ORDER BY code`)).map((r) => [r.code, r.applicant_name])).toEqual([
        [code(2), '(đã ẩn danh)'],
        [code(3), NAME],
        [code(4), NAME],
      ]);
      expect((await s.read(`SELECT comment FROM ratings WHERE rating = 2 ORDER BY rated_at`)).map((r) => r.comment)).toEqual([null, 'Gọi lại cho tôi: 0912 345 678']);
      expect((await s.read(`SELECT command_id FROM commands WHERE ok = 1`)).map((r) => r.command_id)).toEqual([`new-${code(1)}`]);
      expect(await s.read(`SELECT id FROM dossier_history WHERE dossier_code = '${code(1)}'`)).toEqual([]);
      const [purge] = await s.deps.privacyRequests.all();
      expect(purge).toMatchObject({ kind: 'purge', subject: null, requestedBy: 'retention-policy', outcome: 'done', detail: { dossiersDeleted: [code(1)], purgedHistory: [{}, {}] } });
      // The deleted rows are bridged by the purge's audit record: both chains verify.
      expect(await s.verifyChains()).toMatchObject({ ok: true });

      expect(await purgeOf(s).runNow()).toEqual({ at: NOW.toISOString(), commandLogEntries: 0, ratingPhones: 0, anonymisedDossiers: 0, deletedDossiers: 0, reminderPhones: 0 });
      expect(await s.deps.privacyRequests.all()).toHaveLength(1);
    });

    it("deletes a purged dossier's scan and result bytes; the anonymised and open dossiers' stay", async () => {
      const s = await kind.fresh();
      const code = names();
      await seedDossier(s, code(1), 1, '2023-11-01T02:00:00.000Z', '2024-01-10T02:00:00.000Z'); // deleted by the purge
      await seedDossier(s, code(2), 2, '2025-05-01T02:00:00.000Z', '2025-06-01T02:00:00.000Z'); // anonymised by the purge
      await seedDossier(s, code(3), 3, '2026-11-01T02:00:00.000Z', null); // open
      const held = async (c: string, scanSha: string, resultSha: string) => [await s.blobs.hasScan(c, scanSha), await s.blobs.hasResult(c, resultSha)];
      const shas: Record<string, [string, string]> = {};
      for (const c of [code(1), code(2), code(3)]) {
        const scan = Buffer.from(`%PDF-1.7 scan of ${c}`);
        const scanSha = createHash('sha256').update(scan).digest('hex');
        await s.blobs.putScan(c, scanSha, scan);
        shas[c] = [scanSha, await s.blobs.putResult(c, Buffer.from(`%PDF-1.7 result of ${c}`))];
        expect(await held(c, ...shas[c]!)).toEqual([true, true]);
      }
      expect(await purgeOf(s).runNow()).toMatchObject({ deletedDossiers: 1 });
      expect(await held(code(1), ...shas[code(1)]!)).toEqual([false, false]);
      expect(await s.blobs.openScan(code(1), shas[code(1)]![0])).toBeNull();
      expect(await held(code(2), ...shas[code(2)]!)).toEqual([true, true]);
      expect(await held(code(3), ...shas[code(3)]!)).toEqual([true, true]);
    });

    it("erases the phone in a dossier's messages when the dossier is anonymised or deleted; a pending one stops, a sent one stays in the log", async () => {
      const s = await kind.fresh();
      const code = names();
      await seedDossier(s, code(1), 1, '2023-11-01T02:00:00.000Z', '2024-01-10T02:00:00.000Z'); // deleted by the purge
      await seedDossier(s, code(2), 2, '2025-05-01T02:00:00.000Z', '2025-06-01T02:00:00.000Z'); // anonymised by the purge
      await seedDossier(s, code(3), 3, '2026-11-01T02:00:00.000Z', null); // open: kept as it is
      const message = (c: string, kindOf: string) => ({ target: 'notify', eventId: `notify_${c}_${kindOf}_1`, eventType: kindOf, subject: c, payload: { phone: '84912345678', kind: kindOf, code: c }, createdAt: '2026-11-01T02:00:00.000Z' });
      await s.deps.store.transaction(async () => {
        await s.outbox.enqueue(message(code(1), 'received'));
        await s.outbox.enqueue(message(code(2), 'ready'));
        await s.outbox.enqueue(message(code(3), 'received'));
      });
      const sent = (await s.outbox.due(NOW, 10)).find((r) => r.subject === code(1))!;
      await s.deps.store.transaction(async () => s.outbox.recordAttempt(sent.id, { state: 'delivered', attempts: 1, firstAttemptAt: '2026-11-01T02:00:05.000Z', lastAttemptAt: '2026-11-01T02:00:05.000Z', nextAttemptAt: null, lastError: null, deliveredAt: '2026-11-01T02:00:05.000Z' }));

      expect(await purgeOf(s).runNow()).toMatchObject({ deletedDossiers: 1 });
      const rows = await s.read(`SELECT subject, state, payload, last_error FROM outbox WHERE target = 'notify' ORDER BY subject`);
      expect(rows.map((r) => ({ subject: r.subject, state: r.state, phone: (JSON.parse(String(r.payload)) as { phone: string }).phone, lastError: r.last_error }))).toEqual([
        { subject: code(1), state: 'delivered', phone: 'đã xoá', lastError: null },
        { subject: code(2), state: 'failed', phone: 'đã xoá', lastError: DOSSIER_NOTIFY_ERASED_ERROR },
        { subject: code(3), state: 'pending', phone: '84912345678', lastError: null },
      ]);
    });

    it("eraseQueueNearPhones: a past day's queue-near messages lose their phone, a pending one stops as failed; today's rows, a delivered one's state and other rows untouched; again: 0", async () => {
      const s = await kind.fresh();
      const yesterday = await s.deps.store.transaction(async () => s.tickets.insertTicket('2026-12-02', 'ho-tich', 1001, '2026-12-02T01:00:00.000Z', 'kiosk-1', 'normal'));
      const earlier = await s.deps.store.transaction(async () => s.tickets.insertTicket('2026-12-02', 'ho-tich', 1002, '2026-12-02T01:05:00.000Z', 'kiosk-1', 'normal'));
      const today = await s.deps.store.transaction(async () => s.tickets.insertTicket('2026-12-03', 'ho-tich', 1001, '2026-12-03T01:00:00.000Z', 'kiosk-1', 'normal'));
      const near = (ticketId: number, phone: string) => ({ target: 'notify', eventId: `notify_queue-near_${ticketId}`, eventType: 'queue-near', subject: `ticket:${ticketId}`, payload: { phone, kind: 'queue-near', params: { remaining: '3' } }, createdAt: '2026-12-02T01:10:00.000Z' });
      await s.deps.store.transaction(async () => {
        await s.outbox.enqueue(near(yesterday.id, '84912345678'));
        await s.outbox.enqueue(near(earlier.id, '84987654321'));
        await s.outbox.enqueue(near(today.id, '84911111111'));
        // Another notification of a past day's ticket and a webhook: not queue-near, untouched.
        await s.outbox.enqueue({ target: 'notify', eventId: 'notify_X_received_1', eventType: 'dossier-received', subject: `ticket:${yesterday.id}`, payload: { phone: '84912345678', kind: 'dossier-received' }, createdAt: '2026-12-02T01:10:00.000Z' });
        await s.outbox.enqueue({ target: 'webhook:so', eventId: 'evt_1', eventType: 'dossier.received', subject: `ticket:${yesterday.id}`, payload: { phone: '84912345678' }, createdAt: '2026-12-02T01:10:00.000Z' });
      });
      // The earlier ticket's message was delivered already: it keeps its state, loses its phone.
      const [sent] = (await s.outbox.due(new Date('2026-12-02T01:11:00.000Z'), 10)).filter((r) => r.subject === `ticket:${earlier.id}`);
      expect(await s.outbox.claim(sent!.id, 0, new Date('2026-12-02T01:11:00.000Z'))).toBe(true);
      await s.outbox.recordAttempt(sent!.id, { state: 'delivered', attempts: 1, firstAttemptAt: '2026-12-02T01:11:00.000Z', lastAttemptAt: '2026-12-02T01:11:00.000Z', nextAttemptAt: null, lastError: null, deliveredAt: '2026-12-02T01:11:00.000Z' });

      expect(await s.deps.store.transaction(async () => s.deps.personalData.eraseQueueNearPhones(ERASED_PHONE, '2026-12-03'))).toBe(2);
      const rows = (await s.read(`SELECT event_id, state, payload, next_attempt_at, last_error FROM outbox WHERE event_id <> '' ORDER BY event_id`)).map((r) => ({ ...r, eventId: r.event_id as string, payload: JSON.parse(r.payload as string) as { phone: string } }));
      const of = (eventId: string) => rows.find((r) => r.eventId === eventId)!;
      expect(of(`notify_queue-near_${yesterday.id}`)).toMatchObject({ state: 'failed', next_attempt_at: null, last_error: QUEUE_NEAR_ERASED_ERROR, payload: { phone: ERASED_PHONE, kind: 'queue-near', params: { remaining: '3' } } });
      expect(of(`notify_queue-near_${earlier.id}`)).toMatchObject({ state: 'delivered', last_error: null, payload: { phone: ERASED_PHONE } });
      expect(of(`notify_queue-near_${today.id}`)).toMatchObject({ state: 'pending', last_error: null, payload: { phone: '84911111111' } });
      expect(of('notify_X_received_1')).toMatchObject({ state: 'pending', payload: { phone: '84912345678' } });
      expect(of('evt_1')).toMatchObject({ state: 'pending', payload: { phone: '84912345678' } });
      expect(await s.deps.store.transaction(async () => s.deps.personalData.eraseQueueNearPhones(ERASED_PHONE, '2026-12-03'))).toBe(0);
    });

    it.runIf(kind.kind === 'postgres')("keeps to its centre: another centre's dossiers of the same citizen are neither exported, erased nor purged", async () => {
      const a = await kind.fresh('privacy-a');
      const b = await kind.fresh('privacy-b');
      const code = names();
      await seedDossier(a, code(1), 1, '2023-11-01T02:00:00.000Z', '2024-01-10T02:00:00.000Z');
      await seedDossier(b, code(2), 2, '2023-11-01T02:00:00.000Z', '2024-01-10T02:00:00.000Z');
      const fromB = new PrivacyRequests(b.deps, () => NOW);
      expect(await fromB.export(CCCD, 'x')).toMatchObject({ ok: true, value: { dossiers: [{ dossier: { code: code(2) } }] } });
      expect(await fromB.erase(CCCD, 'x')).toEqual({ ok: true, value: { erased: [code(2)] } });
      expect(await purgeOf(b).runNow()).toMatchObject({ deletedDossiers: 1 });
      expect(await a.read(`SELECT code, applicant_name FROM dossiers WHERE code <> ''`)).toEqual([{ code: code(1), applicant_name: NAME }]);
      expect(await a.deps.privacyRequests.all()).toEqual([]);
      expect(await a.verifyChains()).toMatchObject({ ok: true });
      expect(await b.verifyChains()).toMatchObject({ ok: true });
    });

    it.runIf(kind.kind === 'postgres')('two purges of one centre at once over two connections delete each dossier once and record one purge', async () => {
      const s = await kind.fresh();
      const code = names();
      for (let i = 1; i <= 4; i++) await seedDossier(s, code(i), i, '2023-11-01T02:00:00.000Z', '2024-01-10T02:00:00.000Z');
      const reports = await Promise.all([purgeOf(s).runNow(), purgeOf(s).runNow()]);
      expect(reports.map((r) => r.deletedDossiers).sort()).toEqual([0, 4]);
      expect(await s.deps.privacyRequests.all()).toHaveLength(1);
      expect((await s.audit.list()).filter((e) => e.action === 'privacy.purge')).toHaveLength(1);
      expect(await s.verifyChains()).toMatchObject({ ok: true });
    });
  });
});

// The compile-time half of the contract.
const twins = (
  _personalData: Twin<PersonalDataStore> = null as unknown as PgPersonalDataStore,
  _requests: Twin<PrivacyRequestRepository> = null as unknown as PgPrivacyRequestRepository,
  _async: Async<PersonalDataStore> = null as unknown as PgPersonalDataStore,
) => undefined;
void twins;
