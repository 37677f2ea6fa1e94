import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { API_KEY_PERMISSIONS, ApiKeyIdSchema, ApiKeyPermissionSchema, DEFAULT_ROTATION_OVERLAP_HOURS, MAX_ROTATION_OVERLAP_HOURS, type ApiKeyPermission, type ApiKeyRecord } from '../../core/protocol/apikey-commands';
import { ApiKeyRepository } from '../../hub/apikeys/api-key-repository';
import { ApiKeys } from '../../hub/apikeys/api-keys';
import { AuditLog } from '../../hub/audit/audit-log';
import { openDatabase } from '../../hub/db/open-database';
import { asyncOf } from '../../hub/store/async-of';
import { SqliteStore } from '../../hub/store/sqlite/sqlite-store';
import { mustLoadCentre } from './centre-runtime';

interface StoreOptions {
  readonly config: string;
  readonly dataDir?: string;
}

const actor = () => `cli:${os.userInfo().username}`;

/** The hub's database as `motcua hub` opens it (safe beside a running hub: WAL), with the key store over it. */
async function withKeys<T>(opts: StoreOptions, fn: (keys: ApiKeys) => Promise<T>): Promise<T> {
  const centre = mustLoadCentre(opts.config);
  const db = openDatabase(path.join(opts.dataDir ? path.resolve(opts.dataDir) : centre.hub.dataDir, 'hub.sqlite'));
  try {
    return await fn(new ApiKeys(asyncOf(new ApiKeyRepository(db)), new SqliteStore(db), asyncOf(new AuditLog(db, () => new Date())), centre.departments));
  } finally {
    db.close();
  }
}

function permissionsOf(value: string): ApiKeyPermission[] {
  const list = value.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  const parsed = list.map((p) => ApiKeyPermissionSchema.safeParse(p));
  if (list.length === 0 || parsed.some((p) => !p.success)) throw new InvalidArgumentError(`một hoặc nhiều quyền, cách nhau bằng dấu phẩy: ${API_KEY_PERMISSIONS.join(', ')}`);
  return [...new Set(parsed.map((p) => p.data!))];
}

function keyId(value: string): string {
  if (!ApiKeyIdSchema.safeParse(value).success) throw new InvalidArgumentError('mã khoá: 12 chữ thường hoặc chữ số (xem `motcua apikey list`)');
  return value;
}

function overlap(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_ROTATION_OVERLAP_HOURS) throw new InvalidArgumentError(`số giờ nguyên 0–${MAX_ROTATION_OVERLAP_HOURS}`);
  return n;
}

function line(k: ApiKeyRecord): string {
  return [k.id, k.state, k.name, k.departmentId ?? 'centre', k.permissions.join(','), `created ${k.createdAt}`, `last used ${k.lastUsedAt ?? '—'}`, ...(k.previousValidUntil ? [`old secret until ${k.previousValidUntil}`] : []), ...(k.revokedAt ? [`revoked ${k.revokedAt}`] : [])].join('\t');
}

function showKey(key: string, record: ApiKeyRecord): void {
  console.log(`Khoá API (API key) — chỉ hiển thị một lần, hãy lưu ngay (shown once):\n${key}`);
  console.log(line(record));
}

export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description('API keys for other systems (a department\'s own software, the provincial system): create, list, rotate, revoke');
  const store = (c: Command) =>
    c.option('-c, --config <file>', 'centre config (JSON)', 'kiosk-config/demo-centre.json').option('--data-dir <dir>', "the hub's data dir (default: from the config)");

  store(apikey.command('create').description('a new key, shown once (the hub keeps only its SHA-256)'))
    .requiredOption('-n, --name <name>', 'the external system, e.g. "Phần mềm một cửa Sở KH&ĐT"')
    .option('-d, --department <id>', 'the one agency it may see and act for (departments[].id); without it: the whole centre')
    .requiredOption('-p, --permissions <list>', `comma-separated: ${API_KEY_PERMISSIONS.join(', ')}`, permissionsOf)
    .action(async (opts: StoreOptions & { name: string; department?: string; permissions: ApiKeyPermission[] }) => {
      const name = opts.name.trim();
      if (name.length < 2 || name.length > 80) throw new Error('Tên hệ thống 2–80 ký tự (--name).');
      const made = await withKeys(opts, (k) => k.create({ name, departmentId: opts.department ?? null, permissions: opts.permissions }, actor(), new Date()));
      if (!made.ok) throw new Error(made.error.message);
      showKey(made.value.key, made.value.record);
    });

  store(apikey.command('list').description('every key: id, state, name, scope, permissions, created, last used')).action(async (opts: StoreOptions) => {
    const keys = await withKeys(opts, (k) => k.list(new Date()));
    if (keys.length === 0) console.log('Chưa có khoá API nào (no API keys yet).');
    for (const k of keys) console.log(line(k));
  });

  store(apikey.command('rotate').description(`a new secret; the old one keeps working for --overlap hours (default ${DEFAULT_ROTATION_OVERLAP_HOURS}), then is refused`))
    .requiredOption('-k, --key <id>', 'the key id (from `motcua apikey list`)', keyId)
    .option('--overlap <hours>', `hours the old secret keeps working (0–${MAX_ROTATION_OVERLAP_HOURS}; 0 ends it now)`, overlap, DEFAULT_ROTATION_OVERLAP_HOURS)
    .action(async (opts: StoreOptions & { key: string; overlap: number }) => {
      const rotated = await withKeys(opts, (k) => k.rotate(opts.key, opts.overlap, actor(), new Date()));
      if (!rotated.ok) throw new Error(rotated.error.message);
      showKey(rotated.value.key, rotated.value.record);
    });

  store(apikey.command('revoke').description('revoke a key: refused from its next request'))
    .requiredOption('-k, --key <id>', 'the key id', keyId)
    .action(async (opts: StoreOptions & { key: string }) => {
      const revoked = await withKeys(opts, (k) => k.revoke(opts.key, actor(), new Date()));
      if (!revoked.ok) throw new Error(revoked.error.message);
      console.log(`Đã thu hồi khoá API "${revoked.value.record.name}" (revoked at ${revoked.value.record.revokedAt}).`);
    });
}
