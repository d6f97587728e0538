import { AppError } from '@gonghui/shared';

/** The mini-program's code2Session: exchanges a `wx.login` code for the user's openid. */
export interface WechatClient {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
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

export function httpWechatClient(opts: { apiBase: string; appId: string; secret: string }): WechatClient {
  return {
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
}
