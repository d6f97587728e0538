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
  /** Decoration only (borders, bars, badge backgrounds under dark text): 2.7:1 on white, never text. */
  gold: '#C8962E',
  goldLight: '#FFF6E0',
  page: '#F5F5F5',
  card: '#FFFFFF',
  text: '#1A1A1A',
  textSecondary: '#595959',
  textCare: '#000000',
  border: '#E8E8E8',
  /** 6.5:1 on white, 6:1 on the page grey and 5.6:1 on the tinted cards. */
  success: '#146C31',
  warning: '#A84F00',
  white: '#FFFFFF',
  /** Inactive tab labels: 5.7:1 on white (WCAG AA needs 4.5:1). */
  tabInactive: '#666666',
} as const;

export type PaletteKey = keyof typeof palette;

/** `unionRedDark` → `$gh-union-red-dark: #B0000C;` for sass. */
export function paletteAsScss(): string {
  return Object.entries(palette)
    .map(([key, value]) => `$gh-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${value};`)
    .join('\n');
}
