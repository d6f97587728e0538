import type { Context } from 'koa';
import type { Auth } from '../scope/auth';

export interface AppState {
  requestId: string;
  auth?: Auth;
  /** The answer was replayed for a repeated Idempotency-Key (counted by the metrics). */
  replayed?: boolean;
  /** The error code the request was answered with, if any (the metrics count claim refusals by it). */
  errorCode?: string;
}

export type AppContext = Context & { state: AppState };
