import { View, Text } from '@tarojs/components';
import { memberStatusLabels, memberTagLabels, type MemberCard as MemberCardData } from '@gonghui/shared';
import './MemberCard.scss';

/** The member's union card: masked name, union, member number and the union path. */
export function MemberCard({ member }: { member: MemberCardData }) {
  // The path above the member's own union (which is shown on its own line).
  const above = member.unionPathNames.filter((n, i, all) => !(i === all.length - 1 && n === member.unionName));
  const path = above.join(' · ');
  return (
    <View className='gh-member-card'>
      <View className='gh-member-card__top'>
        <View>
          <View className='gh-member-card__label'>工会会员</View>
          <View className='gh-member-card__name'>{member.nameMasked}</View>
        </View>
        <View className={`gh-member-card__status gh-member-card__status--${member.status}`}>
          {memberStatusLabels[member.status]}
        </View>
      </View>
      <View className='gh-member-card__union'>{member.unionName}</View>
      {path ? <View className='gh-member-card__path'>{path}</View> : null}
      <View className='gh-member-card__bottom'>
        <Text className='gh-member-card__no-label'>会员号</Text>
        <Text className='gh-member-card__no'>{member.memberNo}</Text>
      </View>
      {member.tags.length > 0 ? (
        <View className='gh-member-card__tags'>
          {member.tags.map((t) => (
            <Text key={t} className='gh-member-card__tag'>
              {memberTagLabels[t]}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
