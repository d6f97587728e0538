import { useEffect, useState } from 'react';

/** Where staff get a desktop layout (the persistent side navigation). */
export const DESKTOP_QUERY = '(min-width: 1024px)';

/** True on H5 in a window at least 1024 px wide; always false in the mini-program. */
export function useDesktopWidth(): boolean {
  const [desktop, setDesktop] = useState(() => process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(DESKTOP_QUERY).matches);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return undefined;
    const query = window.matchMedia(DESKTOP_QUERY);
    const follow = () => setDesktop(query.matches);
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return desktop;
}
