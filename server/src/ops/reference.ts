/*
 * The API reference: `/api/openapi.json` (generated once per process from the contract) and a
 * readable page at `/api-docs/` drawn by Swagger UI from the swagger-ui-dist package in
 * node_modules: nothing is fetched from the internet, so it works on an intranet.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Middleware } from 'koa';
import { openApiDocument } from './openapi';

const require = createRequire(import.meta.url);
const swaggerDir = () => path.dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工惠 Gonghui API 参考</title>
<link rel="stylesheet" href="/api-docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api-docs/swagger-ui-bundle.js"></script>
<script src="/api-docs/init.js"></script>
</body>
</html>
`;

// a file of its own: the portal's Content-Security-Policy allows no inline script
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true, defaultModelsExpandDepth: 0, docExpansion: 'list' });\n`;

const ASSETS: Record<string, string> = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'application/javascript; charset=utf-8' };

export function apiReference(version: string): Middleware {
  let document: string | undefined;
  const files = new Map<string, Buffer>();
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/api/openapi.json') {
      document ??= JSON.stringify(openApiDocument(version));
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = document;
      return;
    }
    if (ctx.path === '/api-docs') return ctx.redirect('/api-docs/');
    if (!ctx.path.startsWith('/api-docs/')) return next();
    const name = ctx.path.slice('/api-docs/'.length);
    ctx.set('Cache-Control', 'no-cache');
    if (name === '' || name === 'index.html') {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = PAGE;
    } else if (name === 'init.js') {
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.body = INIT;
    } else if (ASSETS[name]) {
      if (!files.has(name)) files.set(name, readFileSync(path.join(swaggerDir(), name)));
      ctx.type = ASSETS[name];
      ctx.body = files.get(name);
    } else {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'not found';
    }
  };
}
