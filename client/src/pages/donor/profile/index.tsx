import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../components/StatusView';
import { Fact } from '../../../components/wishes/WishParts';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { openPage } from '../../../navigation';
import { useAppStore } from '../../../stores';
import { DONOR_PROFILE_PAGE, DONOR_WISHES_PAGE, WISHES_PAGE } from '../../../routes';
import { DonorForm } from './DonorForm';
import './index.scss';

const LICENCE: Record<string, string> = { none: '未填写', pending: '待市总工会核验', verified: '已核验', rejected: '未通过核验' };

/** 成为爱心人士 (the form) or, for a donor, how they appear and how many adoptions they hold. */
export default function DonorProfilePage() {
  const signedIn = useRequireLogin(DONOR_PROFILE_PAGE);
  const me = useAppStore((s) => s.me);
  const refreshMe = useAppStore((s) => s.refreshMe);
  const isDonor = !!me?.donor;
  const profile = useResource(() => call(api.donorProfile, { toast: false }), [], { enabled: signedIn && isDonor, refreshOnShow: true });
  const [editing, setEditing] = useState(false);

  return (
    <PageShell className='gh-donor-profile'>
      <HeaderBand title={isDonor ? '爱心档案' : '成为爱心人士'} subtitle='认领职工的小心愿，送到工会站点，由工会转交' />
      {signedIn && !isDonor ? <DonorForm onDone={() => void refreshMe().then(() => openPage(WISHES_PAGE))} /> : null}
      {profile.status === 'loading' ? <LoadingView /> : null}
      {profile.status === 'error' ? <ErrorView error={profile.error} onRetry={() => void profile.reload()} /> : null}
      {profile.status === 'ready' && editing ? (
        <DonorForm
          initial={profile.data}
          onDone={() => {
            setEditing(false);
            void profile.reload(true);
            void refreshMe();
          }}
        />
      ) : null}
      {profile.status === 'ready' && !editing ? (
        <View className='gh-card gh-card--overlap gh-donor-profile__card'>
          <Fact label='身份'>{profile.data.kind === 'enterprise' ? '爱心企业' : '爱心人士'}</Fact>
          {profile.data.enterpriseName ? <Fact label='企业'>{profile.data.enterpriseName}</Fact> : null}
          {profile.data.kind === 'enterprise' ? <Fact label='资质核验'>{LICENCE[profile.data.licenceStatus]}</Fact> : null}
          <Fact label='职工看到'>{profile.data.appearsAs}</Fact>
          <Fact label='进行中认领'>
            {profile.data.activeAdoptions} / {profile.data.adoptionCap}
          </Fact>
          <View className='gh-wish-actions'>
            <Button type='primary' block className='gh-donor-profile__browse' onClick={() => openPage(WISHES_PAGE)}>
              去心愿广场认领
            </Button>
            <Button fill='outline' block className='gh-donor-profile__adoptions' onClick={() => openPage(DONOR_WISHES_PAGE)}>
              我的认领
            </Button>
            <Button fill='outline' block className='gh-donor-profile__edit' onClick={() => setEditing(true)}>
              修改爱心档案
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
