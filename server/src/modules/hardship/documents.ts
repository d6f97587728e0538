/*
 * Evidence uploaded for an application (seed 004's materials): by the member (the owner, with live
 * consent) or by staff with the duty over the member's union. The type is told by the bytes
 * (file-type), never by what the client says; the bytes are sealed with AES-256-GCM (the key that
 * seals ID numbers) before they reach the blob store (DATA_DIR/hardship-docs/<uuid>, or the S3 bucket). Staff
 * downloads state a reason and are full-value reads the member sees; others get 404.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import {
  AppError,
  HARDSHIP_DOCUMENT_TYPES,
  HARDSHIP_DOCUMENTS_PER_APPLICATION,
  hardshipDocumentLabels,
  type HardshipDocumentKind,
  type HardshipDocumentView,
} from '@gonghui/shared';
import { decrypt, decryptBytes, encrypt, encryptBytes } from '../../crypto';
import { schema, type Db } from '../../db/index';
import type { BinaryFile } from '../../http/route';
import type { UploadedFile } from '../../http/multipart';
import type { BlobStore } from '../../lib/blob-store';
import { assertHardshipDuty, hardshipMayRead } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { assertConsent, recordRead } from './common';

const { hardshipApplications, hardshipDocuments } = schema;
type ApplicationRow = typeof hardshipApplications.$inferSelect;
type DocumentRow = typeof hardshipDocuments.$inferSelect;

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

function blobs(scope: Scope): BlobStore {
  if (!scope.deps.blobs) throw new Error('no blob store configured');
  return scope.deps.blobs;
}

/** The listed documents of these applications, by application (names unsealed: the owner and staff with the duty see them). */
export async function documentsOf(scope: Scope, applicationIds: string[]): Promise<Map<string, HardshipDocumentView[]>> {
  const out = new Map<string, HardshipDocumentView[]>();
  if (applicationIds.length === 0) return out;
  const rows = await scope.db.select().from(hardshipDocuments).where(inArray(hardshipDocuments.applicationId, applicationIds)).orderBy(asc(hardshipDocuments.createdAt), asc(hardshipDocuments.id));
  const owners = new Map(
    (await scope.db.select({ id: hardshipApplications.id, userId: schema.members.userId }).from(hardshipApplications).innerJoin(schema.members, eq(schema.members.id, hardshipApplications.memberId)).where(inArray(hardshipApplications.id, applicationIds))).map(
      (r) => [r.id, r.userId],
    ),
  );
  for (const d of rows) {
    const list = out.get(d.applicationId) ?? [];
    list.push({
      id: d.id,
      kind: d.kind,
      name: decrypt(scope.deps.keys, d.fileNameEnc),
      sizeBytes: d.sizeBytes,
      contentType: d.contentType,
      uploadedAt: d.createdAt.toISOString(),
      uploadedByStaff: d.uploadedBy !== owners.get(d.applicationId),
    });
    out.set(d.applicationId, list);
  }
  return out;
}

/** The member's own application, or 404 (another member's application does not exist for them). */
async function ownApplication(scope: Scope, id: string, forUpdate = false): Promise<ApplicationRow> {
  const q = scope.db.select().from(hardshipApplications).where(and(eq(hardshipApplications.id, id), eq(hardshipApplications.memberId, scope.auth.memberId ?? ''))).limit(1);
  const [a] = forUpdate ? await q.for('update') : await q;
  if (!a) throw new AppError('HARDSHIP_NOT_FOUND');
  return a;
}

/** An application in the caller's hardship subtrees, or 404. */
async function staffApplicationRow(scope: Scope, id: string, forUpdate = false): Promise<ApplicationRow> {
  assertHardshipDuty(scope.auth);
  const q = scope.db.select().from(hardshipApplications).where(eq(hardshipApplications.id, id)).limit(1);
  const [a] = forUpdate ? await q.for('update') : await q;
  if (!a || !hardshipMayRead(scope.auth, a.unionPath)) throw new AppError('HARDSHIP_NOT_FOUND');
  return a;
}

async function store(scope: Scope, a: ApplicationRow, kind: HardshipDocumentKind, file: UploadedFile): Promise<HardshipDocumentView> {
  // withdrawn consent stops processing; a refused or withdrawn application takes no more evidence
  await assertConsent(scope.db, a.memberId);
  if (a.status === 'rejected' || a.status === 'withdrawn') throw new AppError('HARDSHIP_DOCUMENT_CLOSED');
  if (!a.documentsHeld.includes(kind)) throw new AppError('HARDSHIP_DOCUMENT_KIND', { issues: [{ path: 'body.kind', message: `申请的材料清单中没有“${hardshipDocumentLabels[kind]}”` }] });
  const type = await fileTypeFromBuffer(file.bytes);
  if (!type || !(HARDSHIP_DOCUMENT_TYPES as readonly string[]).includes(type.mime)) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED');
  const [{ n } = { n: 0 }] = await scope.db.select({ n: count() }).from(hardshipDocuments).where(eq(hardshipDocuments.applicationId, a.id));
  if (Number(n) >= HARDSHIP_DOCUMENTS_PER_APPLICATION) throw new AppError('HARDSHIP_DOCUMENT_LIMIT');

  const id = randomUUID();
  const storageKey = `hardship-docs/${id}`;
  // the name keeps what the member called it, with the extension its bytes earn
  const base = file.fileName.replace(/[\\/\u0000-\u001f]/g, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim().slice(0, 80) || hardshipDocumentLabels[kind];
  const name = `${base}.${EXTENSIONS[type.mime]}`;
  const store = blobs(scope);
  // the blob first, then its row: a row never names a missing blob. A blob whose row never came
  // (a crash in between, a store that failed to delete) is an orphan the sweep removes (ops/orphan-blobs.ts).
  await store.put(storageKey, encryptBytes(scope.deps.keys, file.bytes));
  const forget = () => store.delete(storageKey).catch((err: Error) => scope.deps.logger.warn({ err: err.message, storageKey }, 'an unneeded upload stays for the orphan sweep'));
  // a refusal after this point rolls the row back: the blob goes with it
  scope.onRefusal(async () => void (await forget()));
  try {
    await scope.db.insert(hardshipDocuments).values({
      id,
      applicationId: a.id,
      kind,
      fileNameEnc: encrypt(scope.deps.keys, name),
      contentType: type.mime,
      sizeBytes: file.bytes.length,
      storageKey,
      uploadedBy: scope.auth.userId,
      createdAt: scope.now,
    });
    await audit(scope, 'hardship.document_upload', { type: 'hardship_application', id: a.id }, { documentId: id, kind, sizeBytes: file.bytes.length, contentType: type.mime });
  } catch (err) {
    await forget();
    throw err;
  }
  return (await documentsOf(scope, [a.id])).get(a.id)!.find((d) => d.id === id)!;
}

export async function myDocumentUploader(scope: Scope, { id, kind, file }: { id: string; kind: HardshipDocumentKind; file: UploadedFile }) {
  if (!scope.auth.memberActive) throw new AppError('MEMBER_NOT_ACTIVE');
  return store(scope, await ownApplication(scope, id, true), kind, file);
}

export async function staffDocumentUploader(scope: Scope, { id, kind, file }: { id: string; kind: HardshipDocumentKind; file: UploadedFile }) {
  return store(scope, await staffApplicationRow(scope, id, true), kind, file);
}

async function documentFile(scope: Scope, a: ApplicationRow, documentId: string): Promise<BinaryFile> {
  const [d] = await scope.db.select().from(hardshipDocuments).where(and(eq(hardshipDocuments.id, documentId), eq(hardshipDocuments.applicationId, a.id))).limit(1);
  if (!d) throw new AppError('HARDSHIP_DOCUMENT_NOT_FOUND');
  const sealed = await blobs(scope).get(d.storageKey);
  if (!sealed) throw new AppError('HARDSHIP_DOCUMENT_NOT_FOUND');
  const name = decrypt(scope.deps.keys, d.fileNameEnc);
  return { filename: `document-${d.id.slice(0, 8)}.${EXTENSIONS[d.contentType] ?? 'bin'}`, chineseName: name, contentType: d.contentType, buffer: decryptBytes(scope.deps.keys, sealed) };
}

export async function myDocument(scope: Scope, { id, documentId }: { id: string; documentId: string }): Promise<BinaryFile> {
  return documentFile(scope, await ownApplication(scope, id), documentId);
}

/** A staff download is a full-value read: the reason and the read go to the append-only audit the member sees. */
export async function staffDocument(scope: Scope, { id, documentId, reason }: { id: string; documentId: string; reason: string }): Promise<BinaryFile> {
  const a = await staffApplicationRow(scope, id);
  await assertConsent(scope.db, a.memberId);
  const file = await documentFile(scope, a, documentId);
  await recordRead(scope, { id: a.memberId, unionPath: a.unionPath }, 'documents', reason);
  await audit(scope, 'hardship.document_download', { type: 'hardship_application', id: a.id }, { documentId });
  return file;
}

/**
 * Withdrawn consent or a deleted account: the documents' rows go now, their blobs once the
 * transaction has committed (a rollback keeps both; a blob the store fails to delete goes with the
 * orphan sweep).
 */
export async function eraseDocumentsOf(scope: Scope, memberIds: string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const gone = await scope.db
    .delete(hardshipDocuments)
    .where(inArray(hardshipDocuments.applicationId, scope.db.select({ id: hardshipApplications.id }).from(hardshipApplications).where(inArray(hardshipApplications.memberId, memberIds))))
    .returning({ storageKey: hardshipDocuments.storageKey });
  if (gone.length) {
    const store = blobs(scope);
    scope.afterCommit(async (_db: Db) => {
      // the rows are gone for good: a store that does not answer now leaves the files to the orphan sweep, not the member with an error
      for (const g of gone) await store.delete(g.storageKey).catch((err: Error) => scope.deps.logger.warn({ err: err.message, storageKey: g.storageKey }, 'an erased document’s file stays for the orphan sweep'));
    });
  }
  return gone.length;
}

export type { DocumentRow };
