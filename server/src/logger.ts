import pino, { type Logger } from 'pino';

/**
 * Logs never carry tokens, phones or ID numbers: request logs hold the route pattern, status
 * and timing only; these paths are redacted in case an object slips into a log call.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['authorization', 'token', 'phone', 'idNumber', 'code', '*.authorization', '*.token', '*.phone', '*.idNumber', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
