import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { api, call } from '../../../api';
import { PageShell } from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView';
import { useResource } from '../../../hooks/useResource';
import { LetterBody } from '../../../components/LetterBody';

/** The family's copy of a 慰问信, opened from the link the member shared: no sign-in, nothing but the letter. */
export default function FamilyLetterPage() {
  const token = useRouter().params.token ?? '';
  const letter = useResource(() => call(api.familyLetter, { params: { token }, toast: false }), [token], { enabled: /^[A-Za-z0-9_-]{20,64}$/.test(token) });
  return (
    <PageShell className='gh-letter-page'>
      <View className='gh-band'>
        <View className='gh-band__title'>工会慰问信</View>
        <View className='gh-band__subtitle'>致职工家属</View>
      </View>
      {letter.status === 'idle' ? <EmptyView title='链接不完整' hint='请让家人重新复制慰问信的链接。' /> : null}
      {letter.status === 'loading' ? <LoadingView /> : null}
      {letter.status === 'error' ? <ErrorView error={letter.error} onRetry={() => void letter.reload()} /> : null}
      {letter.status === 'ready' ? <LetterBody title={letter.data.title} body={letter.data.body} unionName={letter.data.unionName} date={letter.data.sentOn} /> : null}
    </PageShell>
  );
}
