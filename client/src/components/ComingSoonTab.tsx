import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell, HeaderBand } from './PageShell';
import { openPage } from '../navigation';
import { VOUCHERS_PAGE } from '../routes';
import { EmptyView } from './StatusView';
import { useRequireLogin } from '../hooks/useRequireLogin';

interface ComingSoonTabProps {
  /** The tab's own path, to come back to after signing in. */
  page: string;
  className: string;
  title: string;
  subtitle: string;
  emptyTitle: string;
  emptyHint: string;
}

/** A tab whose feature is not built yet: its header, an honest empty state, and a way to what exists (工惠券). */
export function ComingSoonTab({ page, className, title, subtitle, emptyTitle, emptyHint }: ComingSoonTabProps) {
  // Nothing here needs an account yet: visitors may look.
  useRequireLogin(page, { visitors: true });
  return (
    <PageShell className={className}>
      <HeaderBand title={title} subtitle={subtitle} />
      <View className='gh-card gh-card--overlap'>
        <EmptyView
          title={emptyTitle}
          hint={emptyHint}
          action={
            <Button type='primary' fill='outline' className='gh-coming__go' onClick={() => openPage(VOUCHERS_PAGE)}>
              先去领工惠券
            </Button>
          }
        />
      </View>
    </PageShell>
  );
}
