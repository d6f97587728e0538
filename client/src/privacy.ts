/**
 * WeChat's privacy authorization (用户隐私保护指引), mini-program only. Since 2023-09-15 WeChat
 * refuses privacy APIs until the user has agreed through the mini-program's own popup: WeChat calls
 * `onNeedPrivacyAuthorization` with a `resolve`, our PrivacyPopup shows the guide and answers
 * through a button with open-type="agreePrivacyAuthorization". Before the phone number or ID number
 * is collected, pages call `privacyAgreed()` (wx.requirePrivacyAuthorize), which asks only once.
 * Everywhere else (H5, a base library older than 2.32.3) there is nothing to ask.
 */
import Taro from '@tarojs/taro';
import { create } from 'zustand';

export type PrivacyEvent = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
type Resolve = (answer: PrivacyEvent) => void;
type Listener = (resolve: Resolve, info?: { referrer?: string }) => void;
interface PrivacyApi {
  onNeedPrivacyAuthorization?: (listener: Listener) => void;
  requirePrivacyAuthorize?: (options: { success?: () => void; fail?: () => void }) => void;
  openPrivacyContract?: (options: { fail?: () => void }) => void;
}
declare const wx: PrivacyApi | undefined;

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
/** The agree button's id: WeChat checks that the button with this id was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'gh-privacy-agree';

/** WeChat's own `wx` in the mini-program (Taro only wraps what the base library has). */
function weixin(): PrivacyApi | null {
  return IS_WEAPP && typeof wx !== 'undefined' && wx ? wx : null;
}

interface PrivacyState {
  /** WeChat waits for this answer; the popup is shown while it is set. */
  pending: Resolve | null;
  /** Routes of the pages that show the popup (mounted), without a leading slash. */
  hosts: string[];
}

export const usePrivacy = create<PrivacyState>(() => ({ pending: null, hosts: [] }));

/** The page on top, as WeChat names it (`pages/login/index`). */
function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as { route?: string } | undefined;
  return top?.route ?? '';
}

/** At launch: listen for WeChat asking; the page on top answers through its PrivacyPopup. */
export function listenForPrivacyAuthorization(): void {
  const w = weixin();
  if (!w || typeof w.onNeedPrivacyAuthorization !== 'function') return;
  w.onNeedPrivacyAuthorization((resolve) => {
    const previous = usePrivacy.getState().pending;
    // A page without the popup cannot ask: refuse (the API fails) and say where to agree.
    if (usePrivacy.getState().hosts.indexOf(currentRoute()) < 0) {
      resolve({ event: 'disagree' });
      void Taro.showModal({ title: '需要您的同意', content: '使用该功能前，请先在登录页阅读并同意《工惠小程序隐私保护指引》。', showCancel: false, confirmText: '知道了' });
      return;
    }
    // WeChat asks again while a popup is open: the older question is answered by the same tap.
    const next: Resolve = previous
      ? (answer) => {
          previous(answer);
          resolve(answer);
        }
      : resolve;
    usePrivacy.setState({ pending: next });
  });
}

/** The popup's answer to WeChat. */
export function answerPrivacy(answer: PrivacyEvent): void {
  const pending = usePrivacy.getState().pending;
  if (answer.event !== 'exposureAuthorization') usePrivacy.setState({ pending: null });
  pending?.(answer);
}

/** WeChat's page of the guide as filled in on mp.weixin.qq.com; false where there is none. */
export function openPrivacyContract(): boolean {
  const w = weixin();
  if (!w || typeof w.openPrivacyContract !== 'function') return false;
  w.openPrivacyContract({});
  return true;
}

/**
 * Before collecting a phone number or ID number: true once the user has agreed to the privacy
 * guide (asked through the popup when WeChat has no agreement on record), false if they decline.
 */
export function privacyAgreed(): Promise<boolean> {
  const w = weixin();
  if (!w || typeof w.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((done) => {
    w.requirePrivacyAuthorize!({ success: () => done(true), fail: () => done(false) });
  });
}
