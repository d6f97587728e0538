/*
 * Proactive discovery (seed 002, Jiangshan): lists pushed by the medical-insurance, civil-affairs,
 * HR and disability bodies, imported as CSV (csv-parse) with each source's column mapping saved
 * once. A file with any bad row imports nothing and says which lines and why; the same file, or
 * the same person for the same period, never makes a second row. People are kept by the ID
 * number's blind index only. The output: members of the caller's subtrees who appear to qualify
 * and are not archived.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import {
  AppError,
  formatFen,
  importSourceLabels,
  isValidIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  type DiscoveryView,
  type HardshipSourceView,
  type ImportResult,
  type ImportSourceKind,
  type SourceBody,
} from '@gonghui/shared';
import { blindIndex, decrypt, encrypt, sha256, type Keys } from '../../crypto';
import { queryRows, schema, type Db } from '../../db/index';
import { assertHardshipDuty, hardshipHomeUnion, hardshipScopeSql } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { thresholdsFor } from './common';

const { hardshipSources, hardshipImports, hardshipImportRows, hardshipArchive, members, unions } = schema;
type SourceRow = typeof hardshipSources.$inferSelect;

async function sourceView(scope: Scope, s: SourceRow): Promise<HardshipSourceView> {
  const imports = await scope.db.select().from(hardshipImports).where(eq(hardshipImports.sourceId, s.id)).orderBy(desc(hardshipImports.importedAt)).limit(10);
  return {
    kind: s.kind,
    name: s.name,
    mapping: s.mapping,
    imports: imports.map((i) => ({ fileName: i.fileName, importedAt: i.importedAt.toISOString(), rowCount: i.rowCount, newRowCount: i.newRowCount })),
  };
}

export async function sourceList(scope: Scope) {
  const home = hardshipHomeUnion(scope.auth);
  const rows = await scope.db.select().from(hardshipSources).where(eq(hardshipSources.unionId, home.unionId)).orderBy(hardshipSources.kind);
  return { data: await Promise.all(rows.map((s) => sourceView(scope, s))) };
}

export async function sourceSaver(scope: Scope, { kind, body }: { kind: ImportSourceKind; body: SourceBody }) {
  const home = hardshipHomeUnion(scope.auth);
  const [s] = await scope.db
    .insert(hardshipSources)
    .values({ unionId: home.unionId, kind, name: body.name, mapping: body.mapping, updatedBy: scope.auth.userId, updatedAt: scope.now })
    .onConflictDoUpdate({ target: [hardshipSources.unionId, hardshipSources.kind], set: { name: body.name, mapping: body.mapping, updatedBy: scope.auth.userId, updatedAt: scope.now } })
    .returning();
  await audit(scope, 'hardship.source', { type: 'hardship_source', id: s!.id }, { kind, mapping: body.mapping });
  return sourceView(scope, s!);
}

/** "1,234.50" or "1234.5" yuan → fen; null when not a plain non-negative amount. */
export function yuanToFen(text: string): number | null {
  const t = text.replace(/[,，\s¥元]/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  const [int, dec = ''] = t.split('.');
  return Number(int) * 100 + Number((dec + '00').slice(0, 2));
}

interface Parsed {
  line: number;
  idHash: string;
  idMasked: string;
  name: string;
  amountFen: number | null;
  period: string;
}

export async function sourceImporter(scope: Scope, { kind, fileName, csv }: { kind: ImportSourceKind; fileName: string; csv: string }): Promise<ImportResult> {
  const home = hardshipHomeUnion(scope.auth);
  const [source] = await scope.db.select().from(hardshipSources).where(and(eq(hardshipSources.unionId, home.unionId), eq(hardshipSources.kind, kind))).for('update');
  if (!source) throw new AppError('HARDSHIP_SOURCE_NOT_MAPPED');
  const map = source.mapping;
  const bad = (issues: { line: number; message: string }[]) => new AppError('HARDSHIP_IMPORT_INVALID', { issues: issues.slice(0, 100).map((i) => ({ path: `line.${i.line}`, line: i.line, message: i.message })) });

  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // headers are trimmed too (a list exported with " 姓名 " or a BOM still maps)
    records = parse(csv, { bom: true, columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true, info: true, relax_column_count: false }) as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw bad([{ line, message: '文件格式不正确（列数不一致或引号未闭合）' }]);
  }
  const header = parse(csv, { bom: true, to_line: 1, trim: true }) as string[][];
  const columns = (header[0] ?? []).map((c) => c.trim());
  const wanted = [map.idNumber, map.name, map.amount, map.period].filter((c): c is string => !!c);
  const missing = wanted.filter((c) => !columns.includes(c));
  if (missing.length) throw bad([{ line: 1, message: `表头缺少列：${missing.join('、')}` }]);
  if (records.length === 0) throw bad([{ line: 2, message: '文件中没有数据行' }]);

  const errors: { line: number; message: string }[] = [];
  const parsed: Parsed[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const id = normalizeIdNumber(record[map.idNumber] ?? '');
    const name = (record[map.name] ?? '').trim();
    const problems: string[] = [];
    if (!isValidIdNumber(id)) problems.push('身份证号码不正确');
    if (name.length < 2 || name.length > 20) problems.push('姓名为空或过长');
    let amountFen: number | null = null;
    if (map.amount) {
      amountFen = yuanToFen(record[map.amount] ?? '');
      if (amountFen === null) problems.push('金额不是有效数字');
    }
    const period = map.period ? (record[map.period] ?? '').trim().slice(0, 20) : '';
    if (problems.length) errors.push({ line, message: problems.join('；') });
    else parsed.push({ line, idHash: blindIndex(scope.deps.keys, id), idMasked: maskIdNumber(id), name, amountFen, period });
  }
  if (errors.length) throw bad(errors);

  const fileHash = sha256(csv.replace(/^\uFEFF/, ''));
  const [again] = await scope.db.select({ id: hardshipImports.id }).from(hardshipImports).where(and(eq(hardshipImports.sourceId, source.id), eq(hardshipImports.fileSha256, fileHash)));
  if (again) return { rows: parsed.length, newRows: 0, alreadyImported: true, matches: await discoveries(scope, [source.id]) };

  const [imp] = await scope.db
    .insert(hardshipImports)
    .values({ sourceId: source.id, fileSha256: fileHash, fileName, rowCount: parsed.length, newRowCount: 0, importedBy: scope.auth.userId, importedAt: scope.now })
    .returning();
  let added = 0;
  for (let i = 0; i < parsed.length; i += 500) {
    const chunk = parsed.slice(i, i + 500);
    const inserted = await scope.db
      .insert(hardshipImportRows)
      // the name is checked, never kept; the amount is sealed (it tells of an illness)
      .values(
        chunk.map((p) => ({
          sourceId: source.id,
          importId: imp!.id,
          line: p.line,
          idNumberHash: p.idHash,
          idNumberMasked: p.idMasked,
          amountEnc: p.amountFen === null ? null : encrypt(scope.deps.keys, String(p.amountFen)),
          period: p.period,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: hardshipImportRows.id });
    added += inserted.length;
  }
  await scope.db.update(hardshipImports).set({ newRowCount: added }).where(eq(hardshipImports.id, imp!.id));
  await audit(scope, 'hardship.import', { type: 'hardship_source', id: source.id }, { kind, rows: parsed.length, newRows: added });
  return { rows: parsed.length, newRows: added, alreadyImported: false, matches: await discoveries(scope, [source.id]) };
}

/** Members of the caller's subtrees on a pushed list who appear to qualify and are not archived. */
async function discoveries(scope: Scope, sourceIds?: string[]): Promise<DiscoveryView[]> {
  assertHardshipDuty(scope.auth);
  const home = hardshipHomeUnion(scope.auth);
  const rows = await scope.db
    .select({
      memberId: members.id,
      memberName: members.name,
      memberNo: members.memberNo,
      unionName: unions.name,
      unionPath: unions.path,
      kind: hardshipSources.kind,
      amountEnc: hardshipImportRows.amountEnc,
      legacyAmountFen: hardshipImportRows.amountFen,
      period: hardshipImportRows.period,
    })
    .from(hardshipImportRows)
    .innerJoin(hardshipSources, eq(hardshipSources.id, hardshipImportRows.sourceId))
    .innerJoin(members, and(eq(members.idNumberHash, hardshipImportRows.idNumberHash), inArray(members.status, ['active', 'suspended'])))
    .innerJoin(unions, eq(unions.id, members.unionId))
    .where(
      and(
        eq(hardshipSources.unionId, home.unionId),
        sourceIds ? inArray(hardshipSources.id, sourceIds) : sql`true`,
        hardshipScopeSql(scope.auth, unions.path),
        sql`not exists (select 1 from ${hardshipArchive} a where a.member_id = ${members.id} and a.status = 'active')`,
      ),
    )
    .orderBy(unions.path, members.memberNo)
    .limit(500);
  const out = new Map<string, DiscoveryView & { reasons: string[] }>();
  const thresholds = new Map<string, Awaited<ReturnType<typeof thresholdsFor>>>();
  for (const row of rows) {
    const r = { ...row, amountFen: row.amountEnc ? Number(decrypt(scope.deps.keys, row.amountEnc)) : row.legacyAmountFen };
    if (!thresholds.has(r.unionPath)) thresholds.set(r.unionPath, await thresholdsFor(scope.db, r.unionPath));
    const t = thresholds.get(r.unionPath)!;
    let reason: string | null = null;
    if (r.kind === 'medical') {
      if (r.amountFen !== null && r.amountFen > t.medicalSelfPayFen) reason = `${r.period ? `${r.period}年度` : ''}医保自付${formatFen(r.amountFen).replace('¥', '')}元，超过${formatFen(t.medicalSelfPayFen).replace('¥', '')}元`;
    } else reason = `在${importSourceLabels[r.kind]}中`;
    if (!reason) continue;
    const v = out.get(r.memberId) ?? { memberId: r.memberId, memberName: r.memberName, memberNo: r.memberNo, unionName: r.unionName, sources: [], reason: '', reasons: [] };
    v.sources.push({ kind: r.kind, amountFen: r.amountFen, period: r.period });
    v.reasons.push(reason);
    out.set(r.memberId, v);
  }
  return [...out.values()].map(({ reasons, ...v }) => ({ ...v, reason: reasons.join('；') }));
}

/** Reading who is on the pushed lists (and their medical costs) is audited: who, when, which members. */
export async function discoveryList(scope: Scope) {
  const data = await discoveries(scope);
  await audit(scope, 'hardship.discoveries', { type: 'hardship_source' }, { count: data.length, memberIds: data.map((d) => d.memberId) });
  return { data };
}

/**
 * Rows imported before migration 0015 kept the amount in clear: sealed here at start-up (the key is
 * the app's, so SQL alone cannot), then the clear column is emptied. Idempotent; a few hundred rows at a time.
 */
export async function sealLegacyImportAmounts(db: Db, keys: Keys): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; amount_fen: string | number }>(db, sql`select id, amount_fen from hardship_import_rows where amount_fen is not null limit 500`);
    if (rows.length === 0) return done;
    for (const r of rows) {
      await db.execute(sql`update hardship_import_rows set amount_enc = ${encrypt(keys, String(Number(r.amount_fen)))}, amount_fen = null where id = ${r.id} and amount_fen is not null`);
    }
    done += rows.length;
  }
}
