/*
 * The thresholds as data (issue 18: 低保 standard per area, 2× / 3×, the 10,000 yuan medical line,
 * the two-person line). Staff with the duty see those of the area unions in their subtrees; only
 * the city's (policies/hardship.ts) change them, audited with the values before and after.
 */
import { sql } from 'drizzle-orm';
import { AppError, type HardshipSettingsBody, type HardshipSettingsList, type HardshipSettingsView } from '@gonghui/shared';
import { queryRows, schema } from '../../db/index';
import { assertHardshipDuty, hardshipMayRead, hardshipMaySetThresholds, hardshipScopeSql } from '../../policies/hardship';
import type { Scope } from '../../scope/scope';
import { audit } from '../audit/service';
import { DEFAULT_SETTINGS } from './common';

const { hardshipSettings } = schema;

interface Row {
  id: string;
  name: string;
  path: string;
  depth: number;
  kind: string;
  own: boolean;
  from_name: string | null;
  dibao_fen: number | null;
  living_multiple: string | null;
  illness_multiple: string | null;
  medical_self_pay_fen: number | null;
  second_approval_above_fen: number | null;
  updated_at: string | Date | null;
}

/** Area unions (the city, districts) with the thresholds that apply to each: its own row or the nearest one above. */
async function rows(scope: Scope, where: ReturnType<typeof sql>): Promise<Row[]> {
  return queryRows<Row>(
    scope.db,
    sql`select u.id, u.name, u.path, u.depth, u.kind, (s.union_id = u.id) as own, su.name as from_name,
               s.dibao_fen, s.living_multiple, s.illness_multiple, s.medical_self_pay_fen, s.second_approval_above_fen, s.updated_at
          from unions u
          left join lateral (
            select s.*, a.depth as at_depth from hardship_settings s join unions a on a.id = s.union_id
             where u.path like a.path || '%' order by a.depth desc limit 1
          ) s on true
          left join unions su on su.id = s.union_id
         where u.kind in ('federation', 'district') and ${where}
         order by u.depth, u.name
         limit 200`,
  );
}

function view(r: Row): HardshipSettingsView {
  const set = r.dibao_fen !== null;
  return {
    unionId: r.id,
    unionName: r.name,
    depth: Number(r.depth),
    own: r.own === true || (r.own as unknown) === 't',
    inheritedFrom: set && !(r.own === true || (r.own as unknown) === 't') ? r.from_name : null,
    thresholds: set
      ? {
          dibaoFen: Number(r.dibao_fen),
          livingMultiple: Number(r.living_multiple),
          illnessMultiple: Number(r.illness_multiple),
          medicalSelfPayFen: Number(r.medical_self_pay_fen),
          secondApprovalAboveFen: Number(r.second_approval_above_fen),
        }
      : DEFAULT_SETTINGS,
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  };
}

export async function settingsList(scope: Scope): Promise<HardshipSettingsList> {
  assertHardshipDuty(scope.auth);
  const found = await rows(scope, hardshipScopeSql(scope.auth, sql`u.path`));
  return { data: found.map(view), editable: found.some((r) => hardshipMaySetThresholds(scope.auth, r.path)) };
}

export async function settingsSaver(scope: Scope, { unionId, body }: { unionId: string; body: HardshipSettingsBody }): Promise<HardshipSettingsView> {
  assertHardshipDuty(scope.auth);
  const [u] = await queryRows<{ id: string; path: string; kind: string }>(scope.db, sql`select id, path, kind from unions where id = ${unionId}`);
  if (!u || !hardshipMayRead(scope.auth, u.path)) throw new AppError('HARDSHIP_NOT_FOUND');
  if (!hardshipMaySetThresholds(scope.auth, u.path)) throw new AppError('HARDSHIP_SETTINGS_CITY_ONLY');
  if (u.kind !== 'federation' && u.kind !== 'district') throw new AppError('HARDSHIP_SETTINGS_AREA_ONLY');
  const [before] = (await rows(scope, sql`u.id = ${u.id}`)).map(view);
  await scope.db
    .insert(hardshipSettings)
    .values({ unionId: u.id, ...body, updatedBy: scope.auth.userId, updatedAt: scope.now })
    .onConflictDoUpdate({ target: hardshipSettings.unionId, set: { ...body, updatedBy: scope.auth.userId, updatedAt: scope.now } });
  await audit(scope, 'hardship.settings', { type: 'union', id: u.id }, { before: before?.own ? before.thresholds : null, after: body });
  const [after] = await rows(scope, sql`u.id = ${u.id}`);
  return view(after!);
}
