import type { Logger } from 'pino';
import { AppError, maskPhone } from '@gonghui/shared';

/** Where login codes go: the log in demo mode, an SMS gateway in production. */
export interface SmsSender {
  send(phone: string, code: string): Promise<void>;
}

/** Demo only: writes the code to the log next to the masked phone. */
export function logSmsSender(logger: Logger): SmsSender {
  return {
    async send(phone, code) {
      logger.info({ to: maskPhone(phone), smsCode: code }, 'demo SMS (not sent)');
    },
  };
}

/** Posts `{ phone, template, params }` to the federation's SMS gateway. */
export function webhookSmsSender(url: string, token?: string): SmsSender {
  return {
    async send(phone, code) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ phone, template: 'login_code', params: { code, minutes: 5 } }),
          signal: AbortSignal.timeout(5000),
        });
      } catch {
        throw new AppError('SMS_UNAVAILABLE');
      }
      if (!res.ok) throw new AppError('SMS_UNAVAILABLE');
    },
  };
}
