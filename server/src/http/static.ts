import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/** Serves the H5 build at `/`, with history fallback to index.html for client routes. */
export function h5Portal(dir: string): Middleware {
  const index = path.join(dir, 'index.html');
  // .br and .gz files written at build time (client/scripts/precompress.mjs) are sent as they are.
  const files = serve(dir, { index: 'index.html', maxage: 0, gzip: true, brotli: true });
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/') || ctx.path === '/api') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    await files(ctx, async () => undefined);
    if (ctx.body !== undefined && ctx.body !== null) {
      // Hashed assets may be cached; the page shell must always be fresh.
      if (/\.(js|css|png|jpg|svg|woff2?)$/.test(ctx.path) && /[.-][0-9a-f]{8,}\./.test(ctx.path)) ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      else ctx.set('Cache-Control', 'no-cache');
      return;
    }
    if (path.extname(ctx.path) === '' && existsSync(index)) {
      // client routes get the page shell, never cached (koa-compress compresses it)
      ctx.set('Cache-Control', 'no-cache');
      ctx.type = 'html';
      ctx.body = createReadStream(index);
      return;
    }
    await next();
  };
}
