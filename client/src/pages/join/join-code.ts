/**
 * The join code a join page was opened with, whichever way the worker arrived:
 * - `code`: the H5 link (and the mini-program's own navigation), `?code=HZWXEQUIP2`;
 * - `scene`: a 小程序码 from wxacode.getUnlimited, whose scene is the join code (WeChat hands it
 *   over URL-encoded; a `code=…` scene is read too);
 * - `q`: a plain-link QR opened in the mini-program (扫普通链接二维码打开小程序): WeChat hands over the
 *   whole encoded link, `https://…/pages/join/index?code=HZWXEQUIP2`.
 * Pure (no Taro, no URL class: the weapp runtime has none) so it is unit-tested as it is.
 */

/** What the server accepts as a join code. */
const JOIN_CODE = /^[A-Za-z0-9]{4,32}$/;

/** decodeURIComponent, keeping the text as it is when it is not valid percent-encoding. */
function decodeOnce(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** `code` of a query string (`a=1&code=X`), or undefined. */
function codeOfQuery(query: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && decodeOnce(pair.slice(0, eq)) === 'code') return decodeOnce(pair.slice(eq + 1));
  }
  return undefined;
}

function valid(code: string | undefined): string {
  const trimmed = (code ?? '').trim();
  return JOIN_CODE.test(trimmed) ? trimmed : '';
}

/** The join code in a 小程序码's scene: the code itself, or a `code=…` query. */
export function joinCodeFromScene(scene: string): string {
  const decoded = decodeOnce(scene);
  return valid(decoded.indexOf('=') >= 0 ? codeOfQuery(decoded) : decoded);
}

/** The join code in the link a plain QR carried (`q`): the `code` of its query. */
export function joinCodeFromLink(q: string): string {
  const link = decodeOnce(q);
  const at = link.indexOf('?');
  if (at < 0) return '';
  return valid(codeOfQuery(link.slice(at + 1).split('#')[0] ?? ''));
}

/** The join code from the page's parameters: `code` first, then a 小程序码's `scene`, then a plain QR's `q`. */
export function joinCodeFrom(params: Partial<Record<string, string>>): string {
  if (params.code) return valid(decodeOnce(params.code));
  if (params.scene) return joinCodeFromScene(params.scene);
  if (params.q) return joinCodeFromLink(params.q);
  return '';
}
