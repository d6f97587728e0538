import { View } from '@tarojs/components';
import { PageShell, HeaderBand } from './PageShell';
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

/** A tab whose feature is not built yet: its header and an honest empty state. */
export function ComingSoonTab({ page, className, title, subtitle, emptyTitle, emptyHint }: ComingSoonTabProps) {
  // Nothing here needs an account yet: visitors may look.
  useRequireLogin(page, { visitors: true });
  return (
    <PageShell className={className}>
      <HeaderBand title={title} subtitle={subtitle} />
      <View className='gh-card gh-card--overlap'>
        <EmptyView title={emptyTitle} hint={emptyHint} />
      </View>
    </PageShell>
  );
}
