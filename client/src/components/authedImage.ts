import Taro from '@tarojs/taro';
import type { ParamsOf, Route } from '@gonghui/shared';
import { fetchBinary, saveHref } from '../api/download';
import { imageExtension } from '../api/content-type';

type AnyEndpoint = Route<any>;

/** An image fetched with the session's bearer header, ready for <Image src>. */
export interface AuthedImage {
  /** H5: a blob: URL; weapp: a temporary file path. */
  src: string;
  /** The file extension its Content-Type calls for (`png`, `jpg`): a saved copy is named by it. */
  extension: string;
  /** Frees the blob URL (H5); nothing on weapp. */
  release: () => void;
}

/**
 * Fetches a binary image endpoint (the union's join QR) as the signed-in user:
 * H5 → an object URL; weapp → the downloaded temp file. Throws ApiError.
 */
export async function fetchAuthedImage<E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>): Promise<AuthedImage> {
  const answer = await fetchBinary(endpoint, { params });
  if ('blob' in answer) {
    const href = URL.createObjectURL(answer.blob);
    return { src: href, extension: imageExtension(answer.contentType), release: () => URL.revokeObjectURL(href) };
  }
  return { src: answer.tempFilePath, extension: imageExtension(answer.contentType, answer.tempFilePath), release: () => undefined };
}

/**
 * Saves an image fetched by fetchAuthedImage: H5 downloads it as `filename`;
 * weapp saves it to the photo album (or opens it full screen to long-press and save).
 */
export async function saveAuthedImage(image: AuthedImage, filename: string): Promise<'downloaded' | 'saved' | 'previewed'> {
  // An if/else on the build-time constant, so the H5 build drops the weapp branch and with it
  // Taro's H5 previewImage (which would bring a 330 KB slider library to the join-QR page).
  if (process.env.TARO_ENV === 'h5') {
    saveHref(image.src, filename);
    return 'downloaded';
  } else {
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: image.src });
      return 'saved';
    } catch {
      await Taro.previewImage({ urls: [image.src], current: image.src });
      return 'previewed';
    }
  }
}
