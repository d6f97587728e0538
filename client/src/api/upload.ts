import Taro from '@tarojs/taro';
import { buildPath, errorMessage, type ParamsOf, type ResponseOf, type Route } from '@gonghui/shared';
import { authBridge } from './bridge';
import { API_BASE, ApiError, NETWORK_ERROR_MESSAGE } from './request';

type AnyEndpoint = Route<any>;

/** What the picker gave: a temporary file (weapp, and H5 images) or a File picked in the browser (H5). */
export type PickedFile = { tempFilePath: string; name?: string } | { file: File };

function failure(status: number, text: unknown): ApiError {
  let body: { error?: { code?: string; message?: string } } | undefined;
  try {
    body = typeof text === 'string' ? JSON.parse(text) : (text as typeof body);
  } catch {
    body = undefined;
  }
  const code = body?.error?.code ?? (status === 401 ? 'UNAUTHENTICATED' : status === 413 ? 'UPLOAD_TOO_LARGE' : 'INTERNAL');
  const message = body?.error?.message || errorMessage(code);
  if (status === 401) authBridge.onUnauthorized(message);
  return new ApiError(status, code, message);
}

/**
 * Sends one file to an upload endpoint as multipart/form-data, with the session's bearer header and
 * the API base like every call: the field `file`, the other form fields beside it. weapp (and H5
 * images) use Taro.uploadFile; a File picked in the browser goes with fetch. Throws ApiError.
 */
export async function uploadFile<E extends AnyEndpoint>(endpoint: E, opts: { params: ParamsOf<E>; fields: Record<string, string>; picked: PickedFile }): Promise<ResponseOf<E>> {
  const url = API_BASE + buildPath(endpoint.path, opts.params as Record<string, string>);
  const token = authBridge.getToken();
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  // H5 only (a browser File): the mini-program build drops this branch
  if (process.env.TARO_ENV === 'h5' && 'file' in opts.picked) {
    const form = new FormData();
    for (const [k, v] of Object.entries(opts.fields)) form.append(k, v);
    form.append('file', opts.picked.file, opts.picked.file.name);
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: header, body: form });
    } catch {
      throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
    }
    const text = await res.text();
    if (!res.ok) throw failure(res.status, text);
    return JSON.parse(text) as ResponseOf<E>;
  }
  if (!('tempFilePath' in opts.picked)) throw new ApiError(0, 'UPLOAD_MISSING', errorMessage('UPLOAD_MISSING'));
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url, filePath: opts.picked.tempFilePath, name: 'file', formData: opts.fields, header, ...(opts.picked.name ? { fileName: opts.picked.name } : {}) });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw failure(res.statusCode, res.data);
  return JSON.parse(res.data) as ResponseOf<E>;
}
