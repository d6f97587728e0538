import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { WishInput, WishPatch } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../components/StatusView';
import { WISH_FIELDS, WishFields, emptyWish, wishBody, wishDateProblem, wishValues, type WishField, type WishFormValues } from '../../../components/wishes/WishForm';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { toast } from '../../../dialogs';
import { askWishSubscription } from '../../../subscribe';
import { MY_WISH_PAGE, WISH_EDIT_PAGE, withQuery } from '../../../routes';

/** 写心愿 (new) or 修改心愿 (`?id=`, a draft or one the union sent back): save as a draft or submit. */
export default function WishEditPage() {
  const id = useRouter().params.id;
  const signedIn = useRequireLogin(withQuery(WISH_EDIT_PAGE, { id }), { memberArea: true });
  const [values, setValues] = useState<WishFormValues | null>(id ? null : emptyWish());
  const existing = useResource(async () => {
    const w = await call(api.myWish, { params: { id: id! }, toast: false });
    setValues(wishValues(w));
    return w;
  }, [id], { enabled: signedIn && !!id });
  const { errors, clear, check, fail } = useFieldErrors(WISH_FIELDS);
  const [sending, setSending] = useState<'draft' | 'submit' | null>(null);

  const change = (patch: Partial<WishFormValues>, field: WishField) => {
    setValues((v) => (v ? { ...v, ...patch } : v));
    clear(field);
  };

  const save = async (submit: boolean) => {
    if (!values || sending) return;
    const extra = wishDateProblem(values);
    setSending(submit ? 'submit' : 'draft');
    try {
      let wishId = id;
      if (id) {
        const body = check(WishPatch, wishBody(values), { extra });
        if (!body) return;
        await call(api.updateMyWish, { params: { id }, body, toast: false });
        if (submit) await call(api.submitMyWish, { params: { id } });
      } else {
        const body = check(WishInput, { ...wishBody(values), submit }, { extra });
        if (!body) return;
        wishId = (await call(api.createWish, { body, toast: false })).id;
      }
      toast(submit ? '已提交，等待工会审核' : '草稿已保存', 'success');
      if (submit) askWishSubscription();
      if (id) void Taro.navigateBack();
      else void Taro.redirectTo({ url: withQuery(MY_WISH_PAGE, { id: wishId }) });
    } catch (e) {
      fail(e);
    } finally {
      setSending(null);
    }
  };

  return (
    <PageShell className='gh-wish-edit'>
      <HeaderBand title={id ? '修改心愿' : '写心愿'} subtitle='工会审核后发布，爱心人士只看到您的姓氏（如 王**）和区县工会' />
      {existing.status === 'loading' ? <LoadingView /> : null}
      {existing.status === 'error' ? <ErrorView error={existing.error} onRetry={() => void existing.reload()} /> : null}
      {values ? (
        <View className='gh-card gh-card--overlap'>
          {existing.status === 'ready' && existing.data.reviewNote ? <View className='gh-wish-edit__note'>工会的意见：{existing.data.reviewNote}</View> : null}
          <WishFields values={values} errors={errors} onChange={change} />
          <View className='gh-wish-actions'>
            <Button type='primary' block loading={sending === 'submit'} className='gh-wish-edit__submit' onClick={() => void save(true)}>
              提交审核
            </Button>
            <Button fill='outline' block loading={sending === 'draft'} className='gh-wish-edit__draft' onClick={() => void save(false)}>
              {id ? '保存修改' : '存为草稿'}
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
