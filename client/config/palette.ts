/**
 * The one place where brand colours are written as hex codes.
 * - SCSS gets them as `$gh-*` variables through `sass.data` in config/index.ts,
 *   and app.scss turns them into CSS custom properties (`--gh-*`).
 * - Native config (tab bar, navigation bar) imports them in app.config.ts.
 * Pages and components use the CSS variables, never these codes.
 */
export const palette = {
  unionRed: '#D7000F',
  unionRedDark: '#B0000C',
  unionRedLight: '#FDECEE',
  gold: '#C8962E',
  goldLight: '#FFF6E0',
  page: '#F5F5F5',
  card: '#FFFFFF',
  text: '#1A1A1A',
  textSecondary: '#595959',
  textCare: '#000000',
  border: '#E8E8E8',
  success: '#17803A',
  warning: '#A84F00',
  white: '#FFFFFF',
  tabInactive: '#7A7A7A',
} as const;

export type PaletteKey = keyof typeof palette;

/** `unionRedDark` → `$gh-union-red-dark: #B0000C;` for sass. */
export function paletteAsScss(): string {
  return Object.entries(palette)
    .map(([key, value]) => `$gh-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${value};`)
    .join('\n');
}
