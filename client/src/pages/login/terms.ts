import { TERMS_VERSION, type Me } from '@gonghui/shared';
import { api, call } from '../../api';
import { confirmDialog } from '../../dialogs';
import { useAppStore } from '../../stores';

let asking = false;
let askedThisRun = false;

/**
 * A user signed in under an older agreement (or before there was one) is asked once per run
 * to accept the one in force; yes → PATCH /api/me { acceptTerms }. No → signed out: using the
 * service means accepting it. Returns whether the user may carry on.
 */
export async function ensureTermsAccepted(me: Me | null): Promise<boolean> {
  if (!me || me.user.termsAccepted === TERMS_VERSION) return true;
  if (asking || askedThisRun) return true;
  asking = true;
  try {
    const ok = await confirmDialog({
      title: '用户协议和隐私政策已更新',
      content: `请阅读“我的”中的《用户协议》《隐私政策》（${TERMS_VERSION}版）。同意后继续使用；不同意将退出登录。`,
      confirmText: '同意',
      cancelText: '不同意',
    });
    askedThisRun = true;
    if (!ok) {
      await useAppStore.getState().logout();
      return false;
    }
    try {
      const fresh = await call(api.updateMe, { body: { acceptTerms: TERMS_VERSION } });
      useAppStore.setState({ me: fresh });
    } catch {
      // Shown by the API layer; asked again next run.
    }
    return true;
  } finally {
    asking = false;
  }
}
