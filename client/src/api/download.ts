import Taro from '@tarojs/taro';
import { buildPath, errorMessage, type Endpoint, type ParamsOf, type QueryOf } from '@gonghui/shared';
import { authBridge } from './bridge';
import { API_BASE, ApiError, NETWORK_ERROR_MESSAGE } from './request';

type AnyEndpoint = Endpoint<any, any, any, any>;

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function filenameOf(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  if (!m?.[1]) return fallback;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

function fail(status: number, body: unknown): never {
  const err = (body && typeof body === 'object' ? (body as { error?: { code?: string; message?: string } }).error : undefined) ?? {};
  const code = err.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
  const message = err.message || errorMessage(code);
  if (status === 401) authBridge.onUnauthorized(message);
  throw new ApiError(status, code, message);
}

/**
 * Downloads a binary endpoint (an xlsx export) with the session's bearer header.
 * H5: fetch → Blob → object URL → <a download>. weapp: downloadFile → openDocument (share or save from there).
 * Throws ApiError; the caller shows the message.
 */
export async function downloadExport<E extends AnyEndpoint>(
  endpoint: E,
  opts: { params?: ParamsOf<E>; query?: QueryOf<E>; filename: string },
): Promise<void> {
  const url =
    API_BASE +
    buildPath(endpoint.path, opts.params as Record<string, string> | undefined) +
    queryString(opts.query as Record<string, unknown> | undefined);
  const token = authBridge.getToken();
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};

  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: header });
    } catch {
      throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
    }
    if (!res.ok) fail(res.status, await res.json().catch(() => undefined));
    const blob = await res.blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = filenameOf(res.headers.get('Content-Disposition'), opts.filename);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 30_000);
    return;
  }

  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  if (res.statusCode !== 200) {
    // The error body is JSON in a temp file; read it if we can.
    let body: unknown;
    try {
      body = JSON.parse(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8') as string);
    } catch {
      body = undefined;
    }
    fail(res.statusCode, body);
  }
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}
