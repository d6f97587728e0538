import Taro from '@tarojs/taro';
import { buildPath, errorMessage, type Endpoint, type ParamsOf } from '@gonghui/shared';
import { API_BASE, ApiError, NETWORK_ERROR_MESSAGE } from '../api';
import { authBridge } from '../api/bridge';

type AnyEndpoint = Endpoint<any, any, any, any>;

/** An image fetched with the session's bearer header, ready for <Image src>. */
export interface AuthedImage {
  /** H5: a blob: URL; weapp: a temporary file path. */
  src: string;
  /** Frees the blob URL (H5); nothing on weapp. */
  release: () => void;
}

function failure(status: number, body: unknown): ApiError {
  const err = (body && typeof body === 'object' ? (body as { error?: { code?: string; message?: string } }).error : undefined) ?? {};
  const code = err.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
  const message = err.message || errorMessage(code);
  if (status === 401) authBridge.onUnauthorized(message);
  return new ApiError(status, code, message);
}

/**
 * Fetches a binary image endpoint (the union's join QR) as the signed-in user:
 * H5 fetch → Blob → object URL; weapp downloadFile with the Authorization header → temp file.
 * Throws ApiError.
 */
export async function fetchAuthedImage<E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>): Promise<AuthedImage> {
  const url = API_BASE + buildPath(endpoint.path, params as Record<string, string>);
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
    const href = URL.createObjectURL(await res.blob());
    return { src: href, release: () => URL.revokeObjectURL(href) };
  }

  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  if (res.statusCode !== 200) {
    let body: unknown;
    try {
      body = JSON.parse(Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8') as string);
    } catch {
      body = undefined;
    }
    throw failure(res.statusCode, body);
  }
  return { src: res.tempFilePath, release: () => undefined };
}

/**
 * Saves an image fetched by fetchAuthedImage: H5 downloads it as `filename`;
 * weapp saves it to the photo album (or opens it full screen to long-press and save).
 */
export async function saveAuthedImage(image: AuthedImage, filename: string): Promise<'downloaded' | 'saved' | 'previewed'> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = image.src;
    a.download = filename;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return 'downloaded';
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: image.src });
    return 'saved';
  } catch {
    await Taro.previewImage({ urls: [image.src], current: image.src });
    return 'previewed';
  }
}
