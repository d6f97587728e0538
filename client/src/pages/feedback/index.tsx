import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { FEEDBACK_CATEGORIES, feedbackCategoryLabels, formatShanghai, type FeedbackCategory, type MyFeedbackView } from '@gonghui/shared';
import { api, call } from '../../api';
import { FeedbackBadge } from '../../components/activities/FeedbackParts';
import { Chips, FormRow } from '../../components/Form';
import { HeaderBand, PageShell } from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusView';
import { Toggle } from '../../components/Toggle';
import { ListFooter } from '../../components/wishes/WishParts';
import { toast } from '../../dialogs';
import { usePagedList } from '../../hooks/usePagedList';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { openPage } from '../../navigation';
import { FEEDBACK_PAGE, MY_FEEDBACK_PAGE, withQuery } from '../../routes';
import { useAppStore } from '../../stores';
import { pressable } from '../account/shared/pressable';
import '../../components/activities/activities.scss';
import { useSubmitKey } from '../../hooks/useSubmitKey';

const CATEGORIES = FEEDBACK_CATEGORIES.map((c) => ({ key: c, label: feedbackCategoryLabels[c] }));

/** 聆听 职情直通车: send a request to the union (24-hour first reply) and follow one's own requests. */
export default function FeedbackPage() {
  const signedIn = useRequireLogin(FEEDBACK_PAGE, { memberArea: true });
  const member = useAppStore((s) => s.me?.member ?? null);
  const enabled = signedIn && !!member;
  const fetchPage = useCallback((cursor: string | undefined) => call(api.myFeedbackList, { query: { cursor, limit: 20 }, toast: false }), []);
  const { list, reload, loadMore } = usePagedList<MyFeedbackView>(fetchPage, { enabled, refreshOnShow: true });
  const [category, setCategory] = useState<FeedbackCategory | ''>('');
  const [text, setText] = useState('');
  const [bypass, setBypass] = useState(false);
  const [sending, setSending] = useState(false);
  const submitKey = useSubmitKey();

  const send = async () => {
    if (sending) return;
    if (!category) return toast('请选择诉求类别');
    if (text.trim().length < 5) return toast('请写下您的诉求，至少5个字');
    setSending(true);
    try {
      const f = await call(api.sendFeedback, { body: { category, text: text.trim(), bypassGrassroots: bypass }, idempotencyKey: submitKey.key() });
      submitKey.settle();
      setText('');
      setCategory('');
      setBypass(false);
      toast('已提交，工会将在24小时内回复', 'success');
      void Taro.navigateTo({ url: withQuery(MY_FEEDBACK_PAGE, { id: f.id }) });
    } catch (e) {
      submitKey.settle(e); // shown by the API layer
    } finally {
      setSending(false);
    }
  };

  return (
    <PageShell className='gh-feedback'>
      <HeaderBand title='聆听' subtitle='职情直通车：您的诉求，工会24小时内回复' />
      {!enabled ? (
        <View className='gh-card gh-card--overlap'>
          <EmptyView title='加入工会后可使用聆听' hint='会员可以在这里向工会反映诉求、提出建议。' />
        </View>
      ) : (
        <>
          <View className='gh-card gh-card--overlap gh-feedback__form'>
            <FormRow label='诉求类别'>
              <Chips options={CATEGORIES} value={category as FeedbackCategory} onChange={setCategory} label='诉求类别' className='gh-feedback__category' />
            </FormRow>
            <FormRow label='诉求内容' hint='说清楚发生了什么、希望工会怎么帮您'>
              <TextArea className='gh-input gh-input--area gh-feedback__text' placeholder='5到1000个字' maxLength={1000} value={text} onChange={setText} />
            </FormRow>
            <FormRow label='不经本单位工会' hint='打开后直接交给上级工会（区县或产业工会）办理，本单位工会看不到'>
              <View className='gh-feedback__bypass' {...pressable('不经本单位工会', () => setBypass(!bypass), { role: 'switch', checked: bypass })}>
                <Toggle on={bypass} />
                <Text>{bypass ? '直接交上级工会' : '交本单位工会'}</Text>
              </View>
            </FormRow>
            <Button type='primary' block loading={sending} className='gh-feedback__send' onClick={() => void send()}>
              提交诉求
            </Button>
          </View>
          <View className='gh-section-title gh-feedback__mine-title'>我的诉求</View>
          {list.status === 'loading' ? <LoadingView /> : null}
          {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void reload()} /> : null}
          {list.status === 'ready' && list.items.length === 0 ? <EmptyView title='还没有提交过诉求' hint='有什么困难或建议，写在上面提交给工会。' /> : null}
          {list.items.map((f) => (
            <View key={f.id} className='gh-card gh-activity-card gh-my-feedback' {...pressable(null, () => openPage(withQuery(MY_FEEDBACK_PAGE, { id: f.id })), { role: 'link' })}>
              <View className='gh-activity-card__head'>
                <View className='gh-activity-card__title'>{feedbackCategoryLabels[f.category]}</View>
                <FeedbackBadge status={f.status} />
              </View>
              <View className='gh-activity-card__meta'>{f.summary}</View>
              <View className='gh-activity-card__meta'>
                {formatShanghai(f.createdAt)} · {f.handlingUnionName}
              </View>
            </View>
          ))}
          <ListFooter list={list} loadMore={loadMore} unit='条诉求' />
        </>
      )}
    </PageShell>
  );
}
