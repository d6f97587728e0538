import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { useAppStore } from './stores';
import { listenForPrivacyAuthorization } from './privacy';
import { makeTaroControlsAccessible } from './a11y';
import './app.scss';

// H5: NutUI's buttons and pickers reachable by keyboard, with a role (no-op in the mini-program).
makeTaroControlsAccessible();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat asks before a privacy API runs (mini-program only); the page's PrivacyPopup answers.
    listenForPrivacyAuthorization();
    // Refresh who we are in the background; a 401 clears the session through the API layer.
    if (useAppStore.getState().token) {
      useAppStore.getState().refreshMe().catch(() => undefined);
    }
  });
  return children;
}

export default App;
