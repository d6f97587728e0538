import type { Context } from 'koa';
import type { Auth } from '../scope/auth';

export interface AppState {
  requestId: string;
  auth?: Auth;
}

export type AppContext = Context & { state: AppState };
