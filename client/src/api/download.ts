import Taro from '@tarojs/taro';
import { buildPath, errorMessage, type ParamsOf, type QueryOf, type Route } from '@gonghui/shared';
import { authBridge } from './bridge';
import { API_BASE, ApiError, NETWORK_ERROR_MESSAGE } from './request';
import { contentTypeOf } from './content-type';

type AnyEndpoint = Route<any>;

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

function failure(status: number, body: unknown): ApiError {
  const err = (body && typeof body === 'object' ? (body as { error?: { code?: string; message?: string } }).error : undefined) ?? {};
  const code = err.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
  const message = err.message || errorMessage(code);
  if (status === 401) authBridge.onUnauthorized(message);
  return new ApiError(status, code, message);
}

/**
 * A binary answer: on H5 its bytes and file name, on weapp a temporary file; with the Content-Type
 * the server sent (null when the platform does not tell).
 */
export type BinaryAnswer = { blob: Blob; filename: string | null; contentType: string | null } | { tempFilePath: string; contentType: string | null };

/**
 * Fetches a binary endpoint (an xlsx export, a PNG) with the session's bearer header.
 * H5: fetch → Blob. weapp: downloadFile → temp file. Throws ApiError with the server's message.
 */
export async function fetchBinary<E extends AnyEndpoint>(endpoint: E, opts: { params?: ParamsOf<E>; query?: QueryOf<E> }): Promise<BinaryAnswer> {
  const url =
    API_BASE +
    buildPath(endpoint.path, opts.params as Record<string, string> | undefined) +
    queryString(opts.query as Record<string, unknown> | undefined);
  const token = authBridge.getToken();
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};

  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: header, cache: 'no-store' });
    } catch {
      throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
    }
    if (!res.ok) throw failure(res.status, await res.json().catch(() => undefined));
    const blob = await res.blob();
    return { blob, filename: filenameOf(res.headers.get('Content-Disposition'), '') || null, contentType: res.headers.get('Content-Type') || blob.type || null };
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
    throw failure(res.statusCode, body);
  }
  return { tempFilePath: res.tempFilePath, contentType: contentTypeOf(res.header) };
}

/** H5: saves a URL (blob: or data:) under a file name through a temporary <a download>. */
export function saveHref(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Downloads an export (xlsx): H5 saves the file; weapp opens it (share or save from there).
 * Throws ApiError; the caller shows the message.
 */
export async function downloadExport<E extends AnyEndpoint>(endpoint: E, opts: { params?: ParamsOf<E>; query?: QueryOf<E>; filename: string }): Promise<void> {
  const answer = await fetchBinary(endpoint, opts);
  if ('blob' in answer) {
    const href = URL.createObjectURL(answer.blob);
    saveHref(href, answer.filename ?? opts.filename);
    setTimeout(() => URL.revokeObjectURL(href), 30_000);
    return;
  }
  await Taro.openDocument({ filePath: answer.tempFilePath, fileType: 'xlsx', showMenu: true });
}
