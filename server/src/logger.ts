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
      serializers: { err: safeError },
      redact: {
        paths: ['authorization', 'token', 'phone', 'idNumber', 'code', '*.authorization', '*.token', '*.phone', '*.idNumber', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * Driver errors quote the failed query's parameters (phones, names) in their message: log the
 * database's own error instead, with its SQLSTATE and constraint, never the parameters.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const cause = (err as { cause?: unknown }).cause;
  const fromDriver = err.name === 'DrizzleQueryError' || /^Failed query:/.test(err.message);
  const base = fromDriver && cause instanceof Error ? cause : err;
  const e = base as Error & { code?: unknown; constraint?: unknown };
  return {
    type: e.name,
    message: fromDriver && !(cause instanceof Error) ? 'database query failed' : e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
    stack: fromDriver ? undefined : e.stack,
  };
}
