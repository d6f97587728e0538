import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppError } from '@gonghui/shared';
import type { Db } from '../db/index';
import type { Deps } from '../deps';
import type { Auth } from './auth';

/** What a service may use besides its transaction: never the pool itself. */
export type ServiceDeps = Omit<Deps, 'db'>;

/**
 * One request's scope, built once by `mount` and handed to every service as its first argument.
 * `db` is a transaction for every endpoint that changes anything (the idempotency transaction
 * where there is one) and the pool for reads; `now` is read once, so one request sees one instant.
 */
export interface Scope<A extends Auth | undefined = Auth> {
  readonly db: Db;
  readonly auth: A;
  readonly now: Date;
  readonly requestId: string;
  readonly ip: string;
  readonly deps: ServiceDeps;
  /**
   * Writes that must survive a refusal (an AppError rolls the request's work back), such as a
   * counted failure. They run after the rollback, in the same transaction that stores an
   * idempotent answer, or in a short one of their own. A write may return the refusal to answer
   * instead (a failure that could no longer be counted because the limit was reached meanwhile);
   * idempotent endpoints keep the first refusal.
   */
  onRefusal(write: (db: Db) => Promise<AppError | void>): void;
  /** Work after the commit (sending an SMS); `db` is the pool again. A throw still fails the request. */
  afterCommit(work: (db: Db) => Promise<void>): void;
}

export type PublicScope = Scope<Auth | undefined>;

const transactionOpen = new AsyncLocalStorage<true>();

/** Runs `work` marked as inside a scope's transaction: the guarded pool refuses to be used there. */
export function insideTransaction<T>(work: () => Promise<T>): Promise<T> {
  return transactionOpen.run(true, work);
}

export class PoolInTransactionError extends Error {
  constructor(what: string) {
    super(`the database pool was used (${what}) while a request's transaction is open: use scope.db`);
    this.name = 'PoolInTransactionError';
  }
}

/**
 * The pool, refusing to be touched while a request's transaction is open. On PGlite (one
 * connection) such a query would wait for the transaction, which waits for the query: the whole
 * server would hang. Here it fails at once, loudly, in tests and in production.
 */
export function guardPool(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (transactionOpen.getStore()) throw new PoolInTransactionError(String(prop));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
