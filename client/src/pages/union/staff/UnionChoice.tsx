import { View } from '@tarojs/components';
import { staffRoleLabels, unionKindLabels, type StaffRoleView } from '@gonghui/shared';
import { openPage } from '../../../navigation';
import { UNION_STAFF_PAGE, withQuery } from '../../../routes';
import { pressable } from '../../account/shared/pressable';

/** Staff of several unions: whose staff to see, one row (a link) per union they work for. */
export function UnionChoice({ roles }: { roles: StaffRoleView[] }) {
  return (
    <View className='gh-card gh-card--overlap gh-staff-pick'>
      <View className='gh-section-title'>选择工会</View>
      <View className='gh-muted gh-staff-pick__hint'>您在以下工会任职，请选择要查看或调整工作人员的工会。</View>
      {roles.map((r) => (
        <View
          key={r.unionId}
          className='gh-setting gh-staff-pick__row'
          {...pressable(null, () => openPage(withQuery(UNION_STAFF_PAGE, { unionId: r.unionId })), { role: 'link' })}
        >
          <View className='gh-setting__text'>
            <View className='gh-setting__title'>{r.unionName}</View>
            <View className='gh-setting__desc'>
              {unionKindLabels[r.unionKind]} · 我是{staffRoleLabels[r.role]}
            </View>
          </View>
          <View className='gh-setting__go' aria-hidden='true'>
            工作人员 ›
          </View>
        </View>
      ))}
    </View>
  );
}
