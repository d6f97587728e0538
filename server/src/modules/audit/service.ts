import { schema, type Db } from '../../db/index';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction, so the record and the change land together. */
export async function writeAudit(tx: Db, at: Date, e: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({
    at,
    actorUserId: e.actorUserId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    requestId: e.requestId ?? null,
    detail: e.detail ?? {},
  });
}
