import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  formatShanghai,
  LETTER_TEMPLATES,
  LETTER_TEXTS,
  letterTemplateLabels,
  LetterInput,
  type LetterTemplate,
  type StaffLetterView,
  MemberTag,
  type ArchiveCategory,
  type StaffCampaignDetail,
} from '@gonghui/shared';
import { api, call } from '../../api';
import { Chips, FormRow, SelectField } from '../Form';
import { Fact } from '../wishes/WishParts';
import { toast } from '../../dialogs';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useResource } from '../../hooks/useResource';
import { useSubmitKey } from '../../hooks/useSubmitKey';
import { TAGS, ARCHIVE, subtreeOf, toggle } from './choices';

const LETTER_FIELDS = ['template', 'title', 'body', 'audience'] as const;
const TEMPLATES = LETTER_TEMPLATES.map((t) => ({ key: t, label: letterTemplateLabels[t] }));

/** 慰问信: a template of seed 001 (or one's own words), filled for each member with {姓名}、{工会}、{年份}. */
export function LetterForm({ d, onSent }: { d: StaffCampaignDetail; onSent: () => void }) {
  const [v, setV] = useState({ template: 'one' as LetterTemplate, title: LETTER_TEXTS.one.title, body: LETTER_TEXTS.one.body, unionIndex: 0, tags: [] as MemberTag[], archive: [] as ArchiveCategory[] });
  const unions = useResource(async () => subtreeOf((await call(api.listUnions, { toast: false })).data, d.campaign.unionId), [d.campaign.unionId]);
  const { errors, clear, check, fail } = useFieldErrors(LETTER_FIELDS);
  const key = useSubmitKey();
  const [busy, setBusy] = useState(false);
  const pick = (t: LetterTemplate) => {
    setV((x) => (t === 'custom' ? { ...x, template: t } : { ...x, template: t, title: LETTER_TEXTS[t].title, body: LETTER_TEXTS[t].body }));
    clear('template', 'title', 'body');
  };
  const submit = async () => {
    if (busy || unions.status !== 'ready') return;
    const body = check(LetterInput, { template: v.template, title: v.title, body: v.body, audience: { unionId: unions.data[v.unionIndex]?.id, tags: v.tags, archiveCategories: v.archive } });
    if (!body) return;
    setBusy(true);
    try {
      const sent = await call(api.sendLetter, { params: { id: d.campaign.id }, body, idempotencyKey: key.key(), toast: false });
      key.settle();
      toast(`已发送给 ${sent.recipients} 位会员`, 'success');
      onSent();
    } catch (e) {
      key.settle(e);
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='gh-card gh-letter-form'>
      <View className='gh-section-title'>发送慰问信</View>
      <FormRow label='模板' error={errors.template}>
        <Chips options={TEMPLATES} value={v.template} onChange={pick} label='慰问信模板' className='gh-letter-form__template' />
      </FormRow>
      <FormRow label='标题' error={errors.title}>
        <Input className='gh-input gh-letter-form__title' maxLength={30} value={v.title} onChange={(x) => (setV({ ...v, title: x }), clear('title'))} />
      </FormRow>
      <FormRow label='正文' error={errors.body} hint='{姓名}、{工会}、{年份} 会替换为每位会员的姓名、本工会名称和年份'>
        <TextArea className='gh-input gh-input--area gh-letter-form__body' maxLength={3000} value={v.body} onChange={(x) => (setV({ ...v, body: x }), clear('body'))} />
      </FormRow>
      <FormRow label='收信工会' error={errors.audience}>
        {unions.status === 'ready' ? <SelectField items={unions.data} value={v.unionIndex} label={(u) => `${'　'.repeat(u.depth)}${u.name}`} onChange={(i) => setV({ ...v, unionIndex: i })} className='gh-letter-form__union' /> : <View />}
      </FormRow>
      <FormRow label='困难职工' hint='都不选则发给该工会范围内的全体会员'>
        <Chips options={ARCHIVE} value={v.archive} onChange={(a) => setV({ ...v, archive: toggle(v.archive, a) })} label='困难职工类别' className='gh-letter-form__archive' />
      </FormRow>
      <FormRow label='会员标签'>
        <Chips options={TAGS} value={v.tags} onChange={(t) => setV({ ...v, tags: toggle(v.tags, t) })} label='会员标签' className='gh-letter-form__tags' />
      </FormRow>
      <Button type='primary' block loading={busy} className='gh-letter-form__submit' onClick={() => void submit()}>
        发送慰问信
      </Button>
    </View>
  );
}

/** The campaign's letters: how many got each and opened it; who, on demand. */
export function Letters({ campaignId }: { campaignId: string }) {
  const letters = useResource(async () => (await call(api.campaignLetters, { params: { id: campaignId }, toast: false })).data, [campaignId]);
  const [open, setOpen] = useState<string | null>(null);
  const who = useResource(async () => (open ? (await call(api.letterRecipients, { params: { id: open }, toast: false })).data : []), [open]);
  if (letters.status !== 'ready' || letters.data.length === 0) return null;
  return (
    <View className='gh-card gh-campaign__letters'>
      <View className='gh-section-title'>慰问信</View>
      {letters.data.map((l: StaffLetterView) => (
        <View key={l.id} className='gh-campaign__letter'>
          <Fact label={l.title}>{`${formatShanghai(l.sentAt)} 发给 ${l.recipients} 人，已读 ${l.opened} 人`}</Fact>
          <Button fill='outline' className='gh-campaign__letter-who' onClick={() => setOpen(open === l.id ? null : l.id)}>
            {open === l.id ? '收起' : '查看阅读情况'}
          </Button>
          {open === l.id && who.status === 'ready'
            ? who.data.map((r) => (
                <Fact key={r.memberNo} label={`${r.memberName} ${r.memberNo}`}>
                  {r.openedAt ? `已读 ${formatShanghai(r.openedAt)}` : '未读'}
                </Fact>
              ))
            : null}
        </View>
      ))}
    </View>
  );
}
