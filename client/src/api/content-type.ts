/** File extensions of the image types the server sends (its join QR is PNG; WeChat's 小程序码 PNG or JPEG). */
const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * The extension a saved image should carry, from the Content-Type it came with
 * (`image/jpeg; charset=binary` → `jpg`); else from a file path's own extension (weapp's temporary
 * file); else `fallback`.
 */
export function imageExtension(contentType: string | null | undefined, path?: string, fallback = 'png'): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const byType = IMAGE_EXTENSIONS[type];
  if (byType) return byType;
  const suffix = /\.([a-z0-9]+)$/i.exec(path ?? '')?.[1]?.toLowerCase();
  if (suffix === 'jpeg') return 'jpg';
  if (suffix && Object.values(IMAGE_EXTENSIONS).includes(suffix)) return suffix;
  return fallback;
}

/** The Content-Type of a header map whose names may come in any case (weapp's downloadFile). */
export function contentTypeOf(header: Record<string, unknown> | undefined): string | null {
  if (!header) return null;
  const key = Object.keys(header).find((k) => k.toLowerCase() === 'content-type');
  const value = key ? header[key] : undefined;
  return typeof value === 'string' ? value : null;
}
