import { View, Text } from '@tarojs/components';
import { Input, TextArea } from '@nutui/nutui-react-taro';
import { parseYuan, wishCategoryLabels, wishKindLabels, WishCategory, WishKind, WISH_VALUE_CAP_FEN, type MyWishView } from '@gonghui/shared';
import { Chips, FormRow, PickerField } from '../Form';
import type { FieldErrors } from '../../forms/validate';

export interface WishFormValues {
  category: WishCategory | '';
  kind: WishKind;
  title: string;
  story: string;
  /** What the person typed, in yuan. */
  value: string;
  wishedBy: string;
}

export const WISH_FIELDS = ['category', 'kind', 'title', 'story', 'valueFen', 'wishedBy'] as const;
export type WishField = (typeof WISH_FIELDS)[number];

const CATEGORY_OPTIONS = WishCategory.options.map((c) => ({ key: c, label: wishCategoryLabels[c] }));
const KIND_OPTIONS = WishKind.options.map((k) => ({ key: k, label: wishKindLabels[k] }));

export function emptyWish(): WishFormValues {
  return { category: '', kind: 'material', title: '', story: '', value: '', wishedBy: '' };
}

export function wishValues(w: MyWishView): WishFormValues {
  return { category: w.category, kind: w.kind, title: w.title, story: w.story, value: String(w.valueFen / 100), wishedBy: w.wishedBy };
}

/** The body the schema checks: yuan become integer fen (an unreadable amount is left for the schema to name). */
export function wishBody(v: WishFormValues): Record<string, unknown> {
  const fen = parseYuan(v.value);
  return {
    category: v.category || undefined,
    kind: v.kind,
    title: v.title,
    story: v.story,
    valueFen: v.value.trim() === '' ? undefined : (fen ?? Number.NaN),
    wishedBy: v.wishedBy || undefined,
  };
}

/** A rule the schema cannot word well: the date must be chosen. */
export function wishDateProblem(v: WishFormValues): Partial<Record<WishField, string>> {
  return v.wishedBy ? {} : { wishedBy: '请选择希望实现的日期' };
}

/** The fields of a wish: category, material or service, title, story, value (yuan, capped), wished-for date. */
export function WishFields({ values, errors, onChange }: { values: WishFormValues; errors: FieldErrors<WishField>; onChange: (patch: Partial<WishFormValues>, field: WishField) => void }) {
  return (
    <View className='gh-wish-form'>
      <FormRow label='心愿类别' error={errors.category}>
        <Chips options={CATEGORY_OPTIONS} value={values.category as WishCategory} onChange={(c) => onChange({ category: c }, 'category')} label='心愿类别' className='gh-wish-form__category' />
      </FormRow>
      <FormRow label='物品或服务' error={errors.kind}>
        <Chips options={KIND_OPTIONS} value={values.kind} onChange={(k) => onChange({ kind: k }, 'kind')} label='物品或服务' className='gh-wish-form__kind' />
      </FormRow>
      <FormRow label='心愿标题' error={errors.title} hint='例如：孩子的新书包'>
        <Input className='gh-input gh-wish-form__title' placeholder='2到30个字' maxLength={30} value={values.title} onChange={(v) => onChange({ title: v }, 'title')} />
      </FormRow>
      <FormRow label='心愿故事' error={errors.story} hint='说说为什么需要它；不要写身份证号、电话、住址'>
        <TextArea
          className='gh-input gh-input--area gh-wish-form__story'
          placeholder='10到500个字'
          maxLength={500}
          value={values.story}
          onChange={(v) => onChange({ story: v }, 'story')}
        />
      </FormRow>
      <FormRow label='预计价值' error={errors.valueFen} hint={`每个心愿不超过${WISH_VALUE_CAP_FEN / 100}元`}>
        <View className='gh-inline'>
          <Input className='gh-input gh-wish-form__value' type='digit' placeholder='例如 200' maxLength={10} value={values.value} onChange={(v) => onChange({ value: v }, 'valueFen')} />
          <Text className='gh-inline__unit'>元</Text>
        </View>
      </FormRow>
      <FormRow label='希望实现日期' error={errors.wishedBy} hint='到这一天还没有人认领，心愿会自动结束'>
        <PickerField mode='date' value={values.wishedBy} onChange={(v) => onChange({ wishedBy: v }, 'wishedBy')} placeholder='请选择日期' className='gh-wish-form__date' />
      </FormRow>
    </View>
  );
}
