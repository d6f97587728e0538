import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { useAppStore } from './stores';
import { listenForPrivacyAuthorization } from './privacy';
import './app.scss';

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
