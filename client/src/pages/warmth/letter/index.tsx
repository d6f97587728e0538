import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatShanghaiDate, type MyLetterView } from '@gonghui/shared';
import { api, API_BASE, call } from '../../../api';
import { HeaderBand } from '../../../components/PageShell';
import { WishGate } from '../../../components/wishes/WishParts';
import { toast } from '../../../dialogs';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { FAMILY_LETTER_PAGE, LETTER_PAGE, WARMTH_PAGE, withQuery } from '../../../routes';
import { LetterBody } from '../../../components/LetterBody';

/** The member's 慰问信 from their union: read, and passed on to the family. */
export default function LetterPage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useRequireLogin(withQuery(LETTER_PAGE, { id }), { memberArea: true });
  const letter = useResource(() => call(api.myLetter, { params: { id }, toast: false }), [id], { enabled: signedIn && !!id });
  const familyPath = (l: MyLetterView) => withQuery(FAMILY_LETTER_PAGE, { token: l.shareToken });
  useShareAppMessage(() => (letter.status === 'ready' ? { title: letter.data.title, path: familyPath(letter.data) } : { title: '慰问信', path: WARMTH_PAGE }));

  const copy = (l: MyLetterView) =>
    void Taro.setClipboardData({ data: `${API_BASE}${familyPath(l)}` })
      .then(() => toast('链接已复制，发给家人即可阅读', 'success'))
      .catch(() => undefined);

  return (
    <WishGate id={id} resource={letter} className='gh-letter-page' missing='没有找到这封慰问信' back={{ label: '去送温暖', page: WARMTH_PAGE }}>
      {(l) => (
        <>
          <HeaderBand title='慰问信' subtitle={`${l.unionName} · ${formatShanghaiDate(l.sentAt)}`} />
          <LetterBody title={l.title} body={l.body} unionName={l.unionName} date={formatShanghaiDate(l.sentAt)} />
          <View className='gh-card gh-letter__actions'>
            <Text className='gh-muted'>这封信也写给您的家人：复制链接发给家人，家人无需登录即可阅读；需要纸质版可用浏览器打印本页。</Text>
            <Button type='primary' block className='gh-letter__share' onClick={() => copy(l)}>
              复制给家人的链接
            </Button>
          </View>
        </>
      )}
    </WishGate>
  );
}
