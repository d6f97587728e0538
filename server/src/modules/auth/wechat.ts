import { AppError } from '@gonghui/shared';

/** A 小程序码 as WeChat drew it. */
export interface WxaCodeImage {
  contentType: 'image/png' | 'image/jpeg';
  buffer: Buffer;
}

/** WeChat's server APIs for the mini-program. */
export interface WechatClient {
  /** The appid and secret are set: without them (demo mode) nothing below can succeed. */
  readonly configured: boolean;
  /** code2Session: exchanges a `wx.login` code for the user's openid. */
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  /** The server's access token for WeChat's APIs, cached until shortly before it expires. */
  getAccessToken(opts?: { refresh?: boolean }): Promise<string>;
  /** wxacode.getUnlimited: a 小程序码 that opens `page` with `scene` (≤ 32 characters) as its `scene` parameter. */
  getUnlimitedQr(input: { page: string; scene: string; width?: number }): Promise<WxaCodeImage>;
}

interface Code2SessionAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat's documented error codes, mapped onto ours. */
function mapErrcode(errcode: number): AppError {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code already used
      return new AppError('WECHAT_CODE_INVALID');
    case 45011: // API minute-quota reached
      return new AppError('WECHAT_RATE_LIMITED');
    case 40226: // high-risk user, login blocked
      return new AppError('WECHAT_RISKY_USER');
    default: // -1 system busy and anything unexpected
      return new AppError('WECHAT_UNAVAILABLE');
  }
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

/** The token is dropped this long before WeChat says it expires, so no call carries a token about to lapse. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** 40001 invalid credential, 40014 invalid token, 42001 token expired: fetch a fresh token once and retry. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

/** PNG and JPEG by their first bytes: WeChat answers an image, or JSON when it refuses. */
function imageType(buffer: Buffer): WxaCodeImage['contentType'] | null {
  if (buffer.length > 8 && buffer.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8) return 'image/jpeg';
  return null;
}

function wxacodeError(errcode: number): AppError {
  switch (errcode) {
    case 41030: // invalid page: not in the released mini-program
      return new AppError('WECHAT_PAGE_NOT_RELEASED');
    case 45009: // daily quota reached
    case 45011:
      return new AppError('WECHAT_RATE_LIMITED');
    default:
      return new AppError('WECHAT_UNAVAILABLE');
  }
}

export function httpWechatClient(opts: { apiBase: string; appId: string; secret: string }): WechatClient {
  let cached: { token: string; until: number } | null = null;
  // Requests arriving together share one token fetch.
  let fetching: Promise<string> | null = null;

  /**
   * The stable token (getStableAccessToken) in its normal mode: several API processes share it and
   * none invalidates another's; after WeChat calls it stale, asking again returns the current one.
   */
  const fetchToken = async (): Promise<string> => {
    let answer: TokenAnswer;
    try {
      const res = await fetch(new URL('/cgi-bin/stable_token', opts.apiBase), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret, force_refresh: false }),
        signal: AbortSignal.timeout(5000),
      });
      answer = JSON.parse(await res.text()) as TokenAnswer;
    } catch {
      throw new AppError('WECHAT_UNAVAILABLE');
    }
    if (answer.errcode || !answer.access_token) throw new AppError(answer.errcode === 45009 ? 'WECHAT_RATE_LIMITED' : 'WECHAT_UNAVAILABLE');
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    cached = { token: answer.access_token, until: Date.now() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2) };
    return answer.access_token;
  };

  const client: WechatClient = {
    configured: opts.appId !== '' && opts.secret !== '',

    async getAccessToken({ refresh = false } = {}) {
      if (!client.configured) throw new AppError('WECHAT_NOT_CONFIGURED');
      if (!refresh && cached && cached.until > Date.now()) return cached.token;
      if (!refresh && fetching) return fetching;
      const pending = fetchToken().finally(() => {
        if (fetching === pending) fetching = null;
      });
      fetching = pending;
      return pending;
    },

    async getUnlimitedQr({ page, scene, width = 430 }) {
      const request = async (token: string): Promise<WxaCodeImage | { errcode: number }> => {
        const url = new URL('/wxa/getwxacodeunlimit', opts.apiBase);
        url.searchParams.set('access_token', token);
        let buffer: Buffer;
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ scene, page, width, check_path: true, env_version: 'release' }),
            signal: AbortSignal.timeout(10_000),
          });
          buffer = Buffer.from(await res.arrayBuffer());
        } catch {
          throw new AppError('WECHAT_UNAVAILABLE');
        }
        const contentType = imageType(buffer);
        if (contentType) return { contentType, buffer };
        try {
          const answer = JSON.parse(buffer.toString('utf8')) as { errcode?: number };
          return { errcode: answer.errcode ?? -1 };
        } catch {
          return { errcode: -1 };
        }
      };
      let answer = await request(await client.getAccessToken());
      if ('errcode' in answer && STALE_TOKEN.has(answer.errcode)) answer = await request(await client.getAccessToken({ refresh: true }));
      if ('errcode' in answer) throw wxacodeError(answer.errcode);
      return answer;
    },

    async code2Session(code) {
      const url = new URL('/sns/jscode2session', opts.apiBase);
      url.searchParams.set('appid', opts.appId);
      url.searchParams.set('secret', opts.secret);
      url.searchParams.set('js_code', code);
      url.searchParams.set('grant_type', 'authorization_code');
      let answer: Code2SessionAnswer;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
        // WeChat answers JSON, sometimes labelled text/plain.
        answer = JSON.parse(await res.text()) as Code2SessionAnswer;
      } catch {
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      if (answer.errcode) throw mapErrcode(answer.errcode);
      if (!answer.openid) throw new AppError('WECHAT_UNAVAILABLE');
      return { openid: answer.openid, ...(answer.unionid ? { unionid: answer.unionid } : {}) };
    },
  };
  return client;
}
