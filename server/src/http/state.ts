import type { Context } from 'koa';
import type { StaffRole } from '@gonghui/shared';

/** Who is calling, loaded once per request from the bearer token. */
export interface Auth {
  sessionId: string;
  userId: string;
  memberId: string | null;
  memberUnionId: string | null;
  memberActive: boolean;
  staff: { unionId: string; path: string; role: StaffRole }[];
  merchantIds: string[];
  donor: boolean;
}

export interface AppState {
  requestId: string;
  auth?: Auth;
}

export type AppContext = Context & { state: AppState };
