import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/** The H5 portal: its own scripts and styles only, no framing. */
const portalHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  // HTTPS is the reverse proxy's business (it sets HSTS); on an intranet over plain HTTP this would lock people out.
  strictTransportSecurity: false,
});

/** API answers are data: nothing in them may run, be framed or be cached. */
const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: false,
});

/**
 * Security headers from helmet (a well-kept library), set before anything else runs, so every
 * answer carries them: errors, 404s and framework refusals included.
 */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    const api = ctx.path === '/api' || ctx.path.startsWith('/api/');
    ctx.set('Permissions-Policy', 'camera=(self), geolocation=()');
    if (api) ctx.set('Cache-Control', 'no-store');
    return (api ? apiHeaders : portalHeaders)(ctx as never, next);
  };
}
