import { View } from '@tarojs/components';
import { TERMS_VERSION } from '@gonghui/shared';
import { PageShell } from '../../components/PageShell';
import { SubPageNav } from '../account/shared/SubPageNav';
import './LegalDoc.scss';

export interface LegalSection {
  title: string;
  paragraphs: string[];
}

/** An agreement page: readable by anyone, signed in or not (it is linked from the login page). */
export function LegalDoc({ title, className, intro, sections }: { title: string; className: string; intro: string; sections: LegalSection[] }) {
  return (
    <PageShell className={`gh-legal ${className}`}>
      <SubPageNav title={title} />
      <View className='gh-card gh-legal__card'>
        <View className='gh-legal__title' role='heading' aria-level={2}>
          {title}
        </View>
        <View className='gh-legal__version'>版本：{TERMS_VERSION}（自该日起生效）</View>
        <View className='gh-legal__p'>{intro}</View>
        {sections.map((s) => (
          <View key={s.title} className='gh-legal__section'>
            <View className='gh-legal__h' role='heading' aria-level={3}>
              {s.title}
            </View>
            {s.paragraphs.map((p) => (
              <View key={p} className='gh-legal__p'>
                {p}
              </View>
            ))}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
