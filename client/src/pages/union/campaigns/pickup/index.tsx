import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { formatShanghai, offerName, type PickupView } from '@gonghui/shared';
import { api, call, newIdempotencyKey } from '../../../../api';
import { CodeEntry, type CodeKind } from '../../../../components/CodeEntry';
import { HeaderBand, PageShell } from '../../../../components/PageShell';
import { useRequireLogin } from '../../../../hooks/useRequireLogin';
import { STAFF_PICKUP_PAGE } from '../../../../routes';
// the counter looks like the member-code lookup it copies
import '../../member-lookup/index.scss';

/** The member's pickup QR says `GHP1:<8 digits>`; typed codes may carry spaces. */
function normalizePickupCode(raw: string): string | null {
  const m = /^(?:GHP1:)?\s*(\d{4})\s*(\d{4})\s*$/.exec(raw.trim());
  return m ? `${m[1]}${m[2]}` : null;
}
const PICKUP_CODE: CodeKind = { name: '领取码', digits: 8, normalize: normalizePickupCode, foreign: '这不是送温暖领取码' };

/** At the counter: scan or type the member's pickup code; each pack or dinner is handed over once. */
export default function PickupCounterPage() {
  useRequireLogin(STAFF_PICKUP_PAGE);
  const [done, setDone] = useState<PickupView | null>(null);

  return (
    <PageShell wide staffOnly className='gh-pickup'>
      <HeaderBand title='礼包发放核销' subtitle='扫描或输入会员出示的领取码，确认发放温情礼包或年夜饭（每个领取码只能发放一次）' />
      <View className='gh-card gh-card--overlap gh-lookup__form'>
        <CodeEntry
          kind={PICKUP_CODE}
          cls='gh-pickup'
          scanLabel='扫描领取码'
          submitLabel='确认发放'
          onEdit={() => setDone(null)}
          onSubmit={async (code) => setDone(await call(api.handOverPickup, { body: { code }, idempotencyKey: newIdempotencyKey(), toast: false }))}
        />
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
    </PageShell>
  );
}
