import { schema, type Db } from '../../db/index';

export interface AuditTarget {
  type: string;
  id?: string | null;
}

/** What `audit` needs of a request's scope (any scope, public ones included). */
export interface AuditScope {
  db: Db;
  now: Date;
  requestId: string;
  auth?: { userId: string } | undefined;
}

/** Appends to the audit log in the request's transaction, so the record and the change land together. */
export async function audit(scope: AuditScope, action: string, target: AuditTarget, detail: Record<string, unknown> = {}): Promise<void> {
  await scope.db.insert(schema.auditLog).values({
    at: scope.now,
    actorUserId: scope.auth?.userId ?? null,
    action,
    targetType: target.type,
    targetId: target.id ?? null,
    requestId: scope.requestId,
    detail,
  });
}
