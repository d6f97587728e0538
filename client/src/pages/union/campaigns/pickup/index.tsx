import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatShanghai, offerName, type PickupView } from '@gonghui/shared';
import { api, call, newIdempotencyKey } from '../../../../api';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { errorText } from '../../../../components/StatusView';
import { useNumericKeypad, useQrScan } from '../../../../components/QrScanner';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { STAFF_PICKUP_PAGE } from '../../../../routes';
// the counter looks like the member-code lookup it copies
import '../../member-lookup/index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** The member's pickup QR says `GHP1:<8 digits>`; typed codes may carry spaces. */
function normalizePickupCode(raw: string): string | null {
  const m = /^(?:GHP1:)?\s*(\d{4})\s*(\d{4})\s*$/.exec(raw.trim());
  return m ? `${m[1]}${m[2]}` : null;
}

/** At the counter: scan or type the member's pickup code; each pack or dinner is handed over once. */
export default function PickupCounterPage() {
  useRequireLogin(STAFF_PICKUP_PAGE);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PickupView | null>(null);
  const { scan, layer } = useQrScan();
  useNumericKeypad('.gh-pickup__code');

  const handOver = async (raw: string) => {
    const code = normalizePickupCode(raw);
    if (!code) {
      setError('请输入会员出示的8位领取码');
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await call(api.handOverPickup, { body: { code }, idempotencyKey: newIdempotencyKey(), toast: false }));
      setText('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const scanCode = async () => {
    const result = await scan();
    if (result === null) return;
    const code = normalizePickupCode(result);
    if (!code) {
      setError('这不是送温暖领取码');
      return;
    }
    setText(code);
    void handOver(code);
  };

  return (
    <PageShell wide staffOnly className='gh-pickup'>
      <HeaderBand title='礼包发放核销' subtitle='扫描或输入会员出示的领取码，确认发放温情礼包或年夜饭（每个领取码只能发放一次）' />
      <View className='gh-card gh-card--overlap gh-lookup__form'>
        <Button type='primary' size='large' block className='gh-pickup__scan' onClick={() => void scanCode()}>
          扫描领取码
        </Button>
        <View className='gh-field gh-lookup__field'>
          <View className='gh-field__label'>领取码</View>
          <Input
            className='gh-field__input gh-pickup__code'
            type={IS_WEAPP ? 'number' : 'text'}
            placeholder='或输入8位数字'
            value={text}
            maxLength={IS_WEAPP ? 8 : 10}
            onChange={(v) => {
              setText(v.replace(/[^\d\s]/g, '').slice(0, 10));
              setError(null);
            }}
            onConfirm={() => void handOver(text)}
          />
        </View>
        {error ? (
          <View className='gh-lookup__error gh-pickup__error' role='alert'>
            {error}
          </View>
        ) : null}
        <Button type='primary' fill='outline' size='large' block loading={busy} className='gh-pickup__submit' onClick={() => void handOver(text)}>
          确认发放
        </Button>
      </View>
      {done ? (
        <View className='gh-card gh-pickup__done' role='status'>
          <View className='gh-section-title'>发放成功</View>
          <View className='gh-facts'>
            {(
              [
                ['项目', offerName({ kind: done.kind, title: done.offerTitle })],
                ['会员', `${done.memberName}（${done.memberNo}）`],
                ['所属工会', done.unionName],
                ['领取方式', done.deliveryAddress ? `送达 ${done.deliveryAddress}` : `${done.pickupDate ?? ''} ${done.pickupPoint ?? ''}`],
                ['发放时间', formatShanghai(done.handedOverAt)],
              ] as const
            ).map(([label, value]) => (
              <View key={label} className='gh-facts__row'>
                <Text className='gh-facts__label'>{label}</Text>
                <Text className='gh-facts__value'>{value}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {layer}
    </PageShell>
  );
}
