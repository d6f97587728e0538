import { Image } from '@tarojs/components';

/**
 * A QR code picture that a screen reader names. The mini-program reads `ariaLabel` on its image;
 * on H5 Taro draws <div class="taro-img"><img></div>, where the name belongs on the <img> as its
 * alt (an aria-label on the plain div is not allowed).
 */
export function QrImage({ className, src, label }: { className: string; src: string; label: string }) {
  if (process.env.TARO_ENV === 'h5') return <Image className={className} src={src} mode='scaleToFill' imgProps={{ alt: label }} />;
  return <Image className={className} src={src} mode='scaleToFill' ariaLabel={label} />;
}
