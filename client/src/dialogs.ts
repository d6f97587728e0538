import Taro from '@tarojs/taro';
import { palette } from '../config/palette';

/** A confirm dialog for an action that changes something (publish, close, return, redeem). */
export async function confirmDialog(opts: { title: string; content: string; confirmText?: string; cancelText?: string }): Promise<boolean> {
  try {
    const res = await Taro.showModal({
      title: opts.title,
      content: opts.content,
      confirmText: opts.confirmText ?? '确定',
      cancelText: opts.cancelText ?? '取消',
      confirmColor: palette.unionRed,
    });
    return res.confirm;
  } catch {
    return false;
  }
}

export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ icon, title, duration: icon === 'success' ? 2000 : 2500 });
}

/** After a failed submit: bring the first field marked in red into view. */
export function scrollToFirstError(): void {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.gh-form__row--error', offsetTop: -80, duration: 200 }).catch(() => undefined);
  }, 50);
}
