/*
 * The OpenAPI 3.1 document of the HTTP contract (shared/src/api), generated at start from the zod
 * schemas with zod's own JSON Schema generator (`z.toJSONSchema`, draft 2020-12: the dialect of
 * OpenAPI 3.1). Nothing here describes an endpoint by hand: paths, methods, parameters, bodies,
 * answers and audiences come from the contract, error codes and messages from the catalogue.
 */
import { z } from 'zod';
import { activitiesApi, authApi, campaignsApi, errorCatalogue, feedbackApi, hardshipApi, lotteryApi, merchantsApi, noticesApi, pledgesApi, staffApi, systemApi, unionsApi, vouchersApi, wishesApi, type Endpoint } from '@gonghui/shared';

type Json = Record<string, unknown>;

/** Tags, one per part of the contract, in the reference page's order. */
const PARTS: [string, string, Record<string, Endpoint>][] = [
  ['system', '系统 · liveness, readiness, health', systemApi],
  ['auth', '登录与账户 · sign-in and the account', authApi],
  ['unions', '工会与会员 · unions, members, joining', unionsApi],
  ['staff', '工会干部 · union staff', staffApi],
  ['vouchers', '工惠券 · voucher batches, claims, redemptions', vouchersApi],
  ['lottery', '摇号 · lottery batches', lotteryApi],
  ['merchants', '商户 · merchants and settlement', merchantsApi],
  ['wishes', '微心愿 · micro-wishes and donors', wishesApi],
  ['notices', '消息 · notices', noticesApi],
  ['activities', '工会活动 · activities, sign-ups, check-in, 你点我送', activitiesApi],
  ['feedback', '聆听 · requests to the union, replies, the dashboard', feedbackApi],
  ['campaigns', '两节送温暖 · campaigns, offers, pickup, letters, visits, the statistics form', campaignsApi],
  ['pledges', '爱心认捐 · donors sponsor packs of a campaign; the campaign union confirms receipt (a B4 sponsorship) or declines', pledgesApi],
  ['hardship', '困难职工帮扶 · the hardship archive, relief, pushed lists (staff with the duty in the subtree; everyone else 404)', hardshipApi],
];

const AUDIENCE: Record<string, string> = {
  public: 'anyone, no session',
  user: 'any signed-in user',
  member: 'a signed-in union member',
  staff: 'union staff (their union and its subtree only)',
  merchant: "a merchant's cashier",
  donor: 'a registered donor (爱心人士)',
};

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** Path and query parameters: one per property of the object schema. */
function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!s) return [];
  const json = schemaOf(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }));
}

function binaryType(path: string): string {
  if (path.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (path.includes('/documents/')) return 'application/octet-stream';
  return 'image/png';
}

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** The form of an upload: the body's fields and the file (types told by its bytes, size limit). */
function uploadSchema(e: Endpoint): Json {
  const fields = e.body ? schemaOf(e.body, 'input') : { type: 'object', properties: {} };
  const u = e.upload!;
  return {
    ...fields,
    properties: { ...(fields.properties as Json), [u.field]: { type: 'string', format: 'binary', description: `${u.types.join(', ')} (told by the bytes), at most ${u.maxBytes} bytes` } },
    required: [...((fields.required as string[]) ?? []), u.field],
  };
}

function operation(key: string, tag: string, e: Endpoint): Json {
  const status = String(e.status ?? 200);
  const params = [...parameters(e.params, 'path'), ...parameters(e.query, 'query')];
  if (e.idempotent) {
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: e.idempotent === 'required',
      description: '8–128 characters of your choosing (a UUID); a repeat with the same key and body answers the first answer again, once, without doing the work twice',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
    });
  }
  const responses: Json = {
    [status]: e.binary
      ? { description: 'the file', content: { [binaryType(e.path)]: { schema: { type: 'string', contentMediaType: binaryType(e.path) } } } }
      : { description: 'the answer', content: { 'application/json': { schema: schemaOf(e.response, 'output') } } },
  };
  if (e.params || e.query || e.body) responses['400'] = errorRef('VALIDATION_FAILED, MALFORMED_JSON: the request does not fit the schema; nothing changed');
  if (e.audience !== 'public') responses['401'] = errorRef('UNAUTHENTICATED, SESSION_EXPIRED: no valid session');
  if (e.audience !== 'public' && e.audience !== 'user') responses['403'] = errorRef(`FORBIDDEN: the caller is not ${AUDIENCE[e.audience]}`);
  responses['4XX'] = errorRef('another refusal from the error catalogue (see ErrorCode): nothing changed');
  responses['503'] = errorRef('SERVICE_UNAVAILABLE: overloaded or the database is away; try again after Retry-After');
  return {
    operationId: key,
    tags: [tag],
    summary: key,
    description: `Who may call: ${AUDIENCE[e.audience]}.${e.idempotent ? ` Idempotency-Key ${e.idempotent}.` : ''}`,
    ...(e.audience === 'public' ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(e.upload
      ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadSchema(e) } } } }
      : e.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(e.body, 'input') } } } }
        : {}),
    responses,
  };
}

/** Koa-router `:id` segments as OpenAPI `{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [tag, , endpoints] of PARTS) {
    for (const [key, e] of Object.entries(endpoints)) {
      const p = (paths[openApiPath(e.path)] ??= {});
      p[e.method.toLowerCase()] = operation(key, tag, e);
    }
  }
  const codes = Object.entries(errorCatalogue) as [string, { status: number; message: string }][];
  return {
    openapi: '3.1.0',
    info: {
      title: '工惠 Gonghui API',
      version,
      description: [
        'The HTTP API of Gonghui, generated from the contract the server and the client share (`shared/src/api`).',
        '',
        'Sign in (`POST /api/auth/sms-login`, or `POST /api/auth/wechat` from the mini-program) and send the token as `Authorization: Bearer <token>`. Money is integer fen; times are ISO 8601 in UTC. Actions that move stock or money take an `Idempotency-Key`.',
        '',
        'Every refusal is `{ "error": { "code", "message", "details"?, "requestId" } }` with a code from the catalogue below and its Chinese message (the one the app shows):',
        '',
        '| code | HTTP | message |',
        '|---|---|---|',
        ...codes.map(([code, c]) => `| \`${code}\` | ${c.status} | ${c.message} |`),
      ].join('\n'),
    },
    servers: [{ url: '/', description: 'this server' }],
    tags: PARTS.map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'the token of a session (sign-in answer)' } },
      schemas: {
        ErrorCode: { type: 'string', oneOf: codes.map(([code, c]) => ({ const: code, title: `${c.status}`, description: c.message })) },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { $ref: '#/components/schemas/ErrorCode' },
                message: { type: 'string', description: 'Chinese, for people' },
                details: { description: 'what was wrong, e.g. `{ issues: [{ path, message }] }` for VALIDATION_FAILED' },
                requestId: { type: 'string', description: 'quote it when reporting a problem; it is in the server log' },
              },
            },
          },
        },
      },
    },
    security: [{ session: [] }],
  };
}
