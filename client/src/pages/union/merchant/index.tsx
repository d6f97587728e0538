import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CashierBody, MerchantPatch, type MerchantDetail } from '@gonghui/shared';
import { api, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { Chips, FormRow } from '../../../components/Form';
import { ErrorView, LoadingView } from '../../../components/StatusView';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { confirmDialog, toast } from '../../../dialogs';
import { useFieldErrors } from '../../../forms/useFieldErrors';
import { MERCHANT_DETAIL_PAGE, withQuery } from '../../../routes';
import './index.scss';

const CATEGORIES = ['家电', '商超', '餐饮', '出行', '演出票务', '医药', '其他'];

type Draft = { name: string; category: string; address: string };
type Field = keyof Draft;
const FIELDS = ['name', 'category', 'address'] as const;
const CASHIER_FIELDS = ['phone'] as const;
/** A number that is already another merchant's cashier or union staff: said under the field. */
const CASHIER_CODES = { codes: { MERCHANT_STAFF_TAKEN: 'phone' } };

function EditForm({ m, onSaved, onCancel }: { m: MerchantDetail; onSaved: (m: MerchantDetail) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>({ name: m.name, category: m.category, address: m.address });
  const { errors, clear, check, fail } = useFieldErrors(FIELDS);
  const [saving, setSaving] = useState(false);
  const set = (k: Field, v: string) => {
    setD((x) => ({ ...x, [k]: v }));
    clear(k);
  };
  const options = (CATEGORIES.includes(m.category) ? CATEGORIES : [m.category, ...CATEGORIES]).map((c) => ({ key: c, label: c }));

  const save = async () => {
    // The whole draft is checked (the schema trims); only what changed is sent.
    const v = check(MerchantPatch, d);
    if (!v) return;
    const body: MerchantPatch = {};
    if (v.name !== m.name) body.name = v.name;
    if (v.category !== m.category) body.category = v.category;
    if (v.address !== m.address) body.address = v.address;
    if (Object.keys(body).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    try {
      onSaved(await call(api.updateMerchant, { params: { id: m.id }, body, toast: false }));
      toast('已保存', 'success');
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='gh-mdetail__edit'>
      <FormRow label='商户名称' error={errors.name}>
        <Input className='gh-input gh-mdetail__name-input' maxLength={60} value={d.name} onChange={(v) => set('name', v)} />
      </FormRow>
      <FormRow label='类别' error={errors.category}>
        <Chips options={options} value={d.category} onChange={(k) => set('category', k)} />
      </FormRow>
      <FormRow label='地址' error={errors.address} hint='会员在券上看到'>
        <Input className='gh-input gh-mdetail__address-input' maxLength={120} value={d.address} onChange={(v) => set('address', v)} />
      </FormRow>
      <View className='gh-mdetail__buttons'>
        <Button fill='outline' size='large' disabled={saving} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' size='large' loading={saving} className='gh-mdetail__save' onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

export default function MerchantDetailPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const signedIn = useRequireLogin(withQuery(MERCHANT_DETAIL_PAGE, { id }));
  const state = useResource(() => call(api.getMerchant, { params: { id }, toast: false }), [id], { enabled: signedIn });
  const [editing, setEditing] = useState(false);
  const [phone, setPhone] = useState('');
  const cashier = useFieldErrors(CASHIER_FIELDS);
  const [busy, setBusy] = useState<string | null>(null);

  if (state.status !== 'ready') {
    return (
      <PageShell wide staffOnly className='gh-mdetail'>
        <HeaderBand title='商户详情' />
        <View className='gh-card gh-card--overlap'>
          {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : <LoadingView />}
        </View>
      </PageShell>
    );
  }

  const m = state.data;
  const manage = m.abilities.manage;
  const setM = (next: MerchantDetail) => state.setData(() => next);

  const toggleActive = async () => {
    const ok = await confirmDialog(
      m.active
        ? { title: `停用${m.name}？`, content: '停用后店员不能再核销工惠券，会员在券上也看不到这家商户；可以随时启用。', confirmText: '确认停用' }
        : { title: `启用${m.name}？`, content: '启用后店员即可继续核销工惠券。', confirmText: '确认启用' },
    );
    if (!ok) return;
    setBusy('active');
    try {
      setM(await call(api.updateMerchant, { params: { id: m.id }, body: { active: !m.active } }));
      toast(m.active ? '已停用' : '已启用', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  const addCashier = async () => {
    const body = cashier.check(CashierBody, { phone: phone.trim() });
    if (!body) return;
    setBusy('add');
    try {
      setM(await call(api.addCashier, { params: { id: m.id }, body, toast: false }));
      setPhone('');
      toast('店员已添加', 'success');
    } catch (error) {
      cashier.fail(error, CASHIER_CODES);
    } finally {
      setBusy(null);
    }
  };

  const removeCashier = async (c: MerchantDetail['cashiers'][number]) => {
    const ok = await confirmDialog({ title: `移除店员${c.name}？`, content: `移除后${c.phoneMasked}不能再为本店核销工惠券。`, confirmText: '确认移除' });
    if (!ok) return;
    setBusy(c.userId);
    try {
      setM(await call(api.removeCashier, { params: { id: m.id, userId: c.userId } }));
      toast('已移除', 'success');
    } catch {
      // shown by the API layer
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell wide staffOnly className='gh-mdetail'>
      <HeaderBand title={m.name} subtitle={`${m.unionName} · ${m.active ? '合作中' : '已停用'}`} />
      <View className='gh-card gh-card--overlap gh-mdetail__info'>
        <View className='gh-mdetail__head'>
          <View className='gh-section-title'>商户信息</View>
          <Text className={m.active ? 'gh-mdetail__state' : 'gh-mdetail__state gh-mdetail__state--off'}>{m.active ? '合作中' : '已停用'}</Text>
        </View>
        {editing && manage ? (
          <EditForm
            m={m}
            onCancel={() => setEditing(false)}
            onSaved={(next) => {
              setM(next);
              setEditing(false);
            }}
          />
        ) : (
          <View>
            <View className='gh-facts'>
              <View className='gh-facts__row'>
                <Text className='gh-facts__label'>名称</Text>
                <Text className='gh-facts__value gh-mdetail__name'>{m.name}</Text>
              </View>
              <View className='gh-facts__row'>
                <Text className='gh-facts__label'>类别</Text>
                <Text className='gh-facts__value gh-mdetail__category'>{m.category}</Text>
              </View>
              <View className='gh-facts__row'>
                <Text className='gh-facts__label'>地址</Text>
                <Text className='gh-facts__value gh-mdetail__address'>{m.address || '—'}</Text>
              </View>
              <View className='gh-facts__row'>
                <Text className='gh-facts__label'>所属工会</Text>
                <Text className='gh-facts__value'>{m.unionName}</Text>
              </View>
            </View>
            {manage ? (
              <View className='gh-mdetail__buttons'>
                <Button type='primary' fill='outline' size='large' className='gh-mdetail__edit-open' disabled={busy !== null} onClick={() => setEditing(true)}>
                  修改信息
                </Button>
                <Button fill='outline' size='large' className='gh-mdetail__active' loading={busy === 'active'} disabled={busy !== null} onClick={() => void toggleActive()}>
                  {m.active ? '停用商户' : '启用商户'}
                </Button>
              </View>
            ) : (
              <View className='gh-mdetail__note'>修改商户和店员需要本级工会管理员。</View>
            )}
          </View>
        )}
      </View>

      <View className='gh-card gh-mdetail__cashiers'>
        <View className='gh-section-title'>店员（{m.cashiers.length}人）</View>
        {m.cashiers.length === 0 ? <View className='gh-mdetail__note'>还没有店员：添加店员手机号后，店员登录即可核销。</View> : null}
        {m.cashiers.map((c) => (
          <View key={c.userId} className='gh-cashier'>
            <View className='gh-cashier__main'>
              <Text className='gh-cashier__name'>{c.name}</Text>
              <Text className='gh-cashier__phone'>{c.phoneMasked}</Text>
            </View>
            {manage ? (
              <Button fill='outline' className='gh-cashier__remove' loading={busy === c.userId} disabled={busy !== null} onClick={() => void removeCashier(c)}>
                移除
              </Button>
            ) : null}
          </View>
        ))}
        {manage ? (
          <View className='gh-mdetail__add'>
            <FormRow label='添加店员' error={cashier.errors.phone} hint='店员用这个手机号登录后即可核销'>
              <View className='gh-mdetail__add-line'>
                <Input
                  className='gh-input gh-mdetail__phone'
                  type='number'
                  placeholder='店员手机号'
                  maxLength={11}
                  value={phone}
                  onChange={(v) => {
                    setPhone(v);
                    cashier.clear('phone');
                  }}
                />
                <Button type='primary' className='gh-mdetail__add-button' loading={busy === 'add'} disabled={busy !== null} onClick={() => void addCashier()}>
                  添加
                </Button>
              </View>
            </FormRow>
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
