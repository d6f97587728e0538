import { useEffect, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { ConfigProvider } from '@nutui/nutui-react-taro';
import { useAppStore } from '../stores';
import { nutuiTheme } from '../theme/nutui-theme';
import { useDesktopWidth } from '../hooks/useDesktopWidth';
import { StaffNav } from './StaffNav';
import { ForbiddenView } from './StatusView';
import { isStaff } from '../roles';
import './PageShell.scss';

interface PageShellProps {
  children?: ReactNode;
  /**
   * Staff pages: use the width of a desktop browser instead of a phone column, and there (H5,
   * ≥ 1024 px) the staff side navigation.
   */
  wide?: boolean;
  /** Union staff pages: someone signed in without a staff role is told so and led home, not shown empty controls. */
  staffOnly?: boolean;
  className?: string;
}

/**
 * The root of every page: theme variables, 关怀模式 (a root class that switches the CSS
 * variables) and the width policy for desktop browsers.
 */
export function PageShell({ children, wide = false, staffOnly = false, className }: PageShellProps) {
  const careMode = useAppStore((s) => s.careMode);
  const me = useAppStore((s) => s.me);
  const desktop = useDesktopWidth();
  const withNav = process.env.TARO_ENV === 'h5' && wide && desktop && !!me && me.staffRoles.length > 0;
  useEffect(() => {
    // H5 draws its tab bar outside the page: mark the document so it can grow too.
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('gh-care-root', careMode);
  }, [careMode]);
  useEffect(() => {
    // H5 scrolls each page inside its own box (.taro_page): let the keyboard reach it to scroll too.
    if (process.env.TARO_ENV === 'h5') document.querySelectorAll('.taro_page:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '0'));
  }, []);
  const shown = staffOnly && me && !isStaff(me) ? <NotForYou /> : children;
  const classes = ['gh-page', careMode ? 'care-mode' : '', wide ? 'gh-page--wide' : '', withNav ? 'gh-page--nav' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes}>
      <ConfigProvider theme={nutuiTheme} className='gh-page__theme'>
        {withNav && me ? (
          <View className='gh-page__frame'>
            <StaffNav me={me} />
            <View className='gh-page__body' role='main'>
              {shown}
            </View>
          </View>
        ) : (
          <View className='gh-page__body'>{shown}</View>
        )}
      </ConfigProvider>
    </View>
  );
}

/** A staff page opened by someone who is not union staff (a shared link, an old bookmark). */
function NotForYou() {
  return (
    <>
      <HeaderBand title='工会工作人员专用' subtitle='这个页面供工会工作人员管理使用' />
      <ForbiddenView title='您不是工会工作人员' hint='这个页面只对工会工作人员开放。如果您负责工会工作，请联系上级工会为您开通。' />
    </>
  );
}

/** The union-red band at the top of a page. */
export function HeaderBand({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <View className='gh-band'>
      <View className='gh-band__title'>{title}</View>
      {subtitle ? <View className='gh-band__subtitle'>{subtitle}</View> : null}
      {children}
    </View>
  );
}
