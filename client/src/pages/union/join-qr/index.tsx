import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { QrImage } from '../../../components/QrImage';
import { Button } from '@nutui/nutui-react-taro';
import type { UnionNode } from '@gonghui/shared';
import { api, API_BASE, call } from '../../../api';
import { PageShell, HeaderBand } from '../../../components/PageShell';
import { ErrorView, LoadingView, EmptyView, errorText } from '../../../components/StatusView';
import { fetchAuthedImage, saveAuthedImage, type AuthedImage } from '../../../components/authedImage';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useResource } from '../../../hooks/useResource';
import { loadUnionTree } from '../../../stores/union-tree';
import { confirmDialog, toast } from '../../../dialogs';
import { UNION_JOIN_QR_PAGE, withQuery } from '../../../routes';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

type Loaded = { union: UnionNode; parentName: string | null };
type Qr = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; image: AuthedImage };

/** The two forms of the same join code: a plain link QR (WeChat or any scanner), or WeChat's 小程序码. */
type QrForm = 'link' | 'wxacode';
const FORMS: { key: QrForm; label: string; name: string; how: string }[] = [
  { key: 'link', label: '入会二维码', name: '入会二维码', how: '普通二维码：微信或手机相机扫一扫，打开入会页面（已配置“扫普通链接二维码打开小程序”时直接进入小程序）。' },
  { key: 'wxacode', label: '小程序码', name: '入会小程序码', how: '小程序码：微信扫一扫，直接进入工惠小程序的入会页面。' },
];

/** The link the QR carries (the server builds the same one from its public address). */
function joinLink(joinCode: string): string {
  const origin = IS_H5 ? window.location.origin : API_BASE;
  return `${origin}/pages/join/index?code=${encodeURIComponent(joinCode)}`;
}

export default function JoinQrPage() {
  const router = useRouter();
  const unionId = router.params.unionId ?? '';
  const signedIn = useRequireLogin(withQuery(UNION_JOIN_QR_PAGE, { unionId }));
  // null: no grassroots union of that id in the caller's subtree.
  const state = useResource(
    async (): Promise<Loaded | null> => {
      const all = await loadUnionTree();
      const union = all.find((u) => u.id === unionId);
      if (!union || union.kind !== 'grassroots') return null;
      return { union, parentName: all.find((u) => u.id === union.parentId)?.name ?? null };
    },
    [unionId],
    { enabled: signedIn },
  );
  // The server says whether WeChat is configured: only then is there a 小程序码 to offer.
  const wechat = useResource(async () => (await call(api.health, { toast: false })).wechat, [], { enabled: signedIn });
  const wxacodeOffered = wechat.status === 'ready' && wechat.data;
  const [form, setForm] = useState<QrForm>('link');
  const shown = FORMS.find((f) => f.key === form) ?? FORMS[0]!;
  const [qr, setQr] = useState<Qr>({ status: 'loading' });
  const [busy, setBusy] = useState<'download' | 'regenerate' | null>(null);
  const [poster, setPoster] = useState(false);
  const current = useRef<AuthedImage | null>(null);

  const loadQr = useCallback(async () => {
    setQr({ status: 'loading' });
    try {
      const image = await fetchAuthedImage(form === 'wxacode' ? api.joinWxacode : api.joinQrPng, { id: unionId });
      current.current?.release();
      current.current = image;
      setQr({ status: 'ready', image });
    } catch (error) {
      setQr({ status: 'error', error });
    }
  }, [unionId, form]);

  const found = state.status === 'ready' && state.data !== null;
  useEffect(() => {
    if (found) void loadQr();
  }, [found, loadQr]);
  useEffect(() => () => current.current?.release(), []);

  const download = async (union: UnionNode) => {
    if (qr.status !== 'ready') return;
    setBusy('download');
    try {
      // Named by what the server sent: WeChat may draw the 小程序码 as a JPEG.
      const how = await saveAuthedImage(qr.image, `${union.name}-${shown.name}.${qr.image.extension}`);
      if (how === 'saved') toast('已保存到相册', 'success');
      else if (how === 'downloaded') toast(`${shown.label}图片已下载`, 'success');
    } catch (error) {
      toast(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const printPoster = () => {
    setPoster(true);
    // Let the poster render before the print dialog takes a picture of the page.
    if (IS_H5) setTimeout(() => window.print(), 300);
  };

  const regenerate = async (union: UnionNode) => {
    const ok = await confirmDialog({
      title: '更换入会码？',
      content: '更换后，已张贴、已转发的旧二维码和入会链接立即失效，需要重新下载或打印。',
      confirmText: '确认更换',
    });
    if (!ok) return;
    setBusy('regenerate');
    try {
      const updated = await call(api.regenerateJoinCode, { params: { id: union.id } });
      state.setData((s) => (s ? { ...s, union: updated } : s));
      toast('入会码已更换', 'success');
      void loadQr();
    } catch {
      // the API layer shows the message
    } finally {
      setBusy(null);
    }
  };

  if (state.status !== 'ready' || state.data === null) {
    return (
      <PageShell wide staffOnly className='gh-joinqr'>
        <HeaderBand title='入会二维码' />
        <View className='gh-card gh-card--overlap'>
          {state.status === 'loading' || state.status === 'idle' ? <LoadingView /> : null}
          {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void state.reload()} /> : null}
          {state.status === 'ready' ? <EmptyView title='找不到这个基层工会' hint='入会二维码属于基层工会，请从“工会管理”中选择本级或下级的基层工会。' /> : null}
        </View>
      </PageShell>
    );
  }

  const { union, parentName } = state.data;
  const manual = union.joinApproval === 'manual';
  const link = joinLink(union.joinCode);
  // A square box sized by CSS; the image fills it (scaleToFill of a square PNG keeps it square).
  const qrImage = (className: string) =>
    qr.status === 'ready' ? (
      <View className={className}>
        <QrImage className='gh-qr-fill' src={qr.image.src} label={`${union.name}${shown.name}`} />
      </View>
    ) : null;

  return (
    <PageShell wide staffOnly className='gh-joinqr'>
      <HeaderBand title='入会二维码' subtitle={union.name} />
      <View className='gh-card gh-card--overlap gh-joinqr__card'>
        <View className='gh-joinqr__visual'>
          {wxacodeOffered ? (
            <View className='gh-joinqr__forms' role='group' aria-label='二维码形式'>
              {FORMS.map((f) => (
                <Button
                  key={f.key}
                  type={form === f.key ? 'primary' : 'default'}
                  fill={form === f.key ? 'solid' : 'outline'}
                  className={`gh-joinqr__form gh-joinqr__form--${f.key}`}
                  aria-pressed={form === f.key}
                  onClick={() => setForm(f.key)}
                >
                  {f.label}
                </Button>
              ))}
            </View>
          ) : null}
          {wxacodeOffered ? <View className='gh-joinqr__form-how'>{shown.how}</View> : null}
          <View className='gh-joinqr__qr-box'>
            {qr.status === 'loading' ? <LoadingView text={form === 'wxacode' ? '正在生成小程序码…' : '正在生成二维码…'} /> : null}
            {qr.status === 'error' ? <ErrorView error={qr.error} onRetry={() => void loadQr()} /> : null}
            {qrImage('gh-joinqr__qr')}
          </View>
        </View>
        <View className='gh-joinqr__side'>
          <View className='gh-joinqr__union'>{union.name}</View>
          <View className='gh-joinqr__how'>职工用微信扫一扫，填写实名信息即可申请入会。</View>
          <View className='gh-joinqr__mode'>
            入会方式：<Text className='gh-joinqr__mode-value'>{manual ? '需工会审核' : '自动通过'}</Text>
          </View>
          <View className='gh-joinqr__link-label'>入会链接（可复制发到职工群）</View>
          <Text className='gh-joinqr__link' selectable userSelect>
            {link}
          </Text>
          <View className='gh-joinqr__code'>入会码：{union.joinCode}</View>
          <View className='gh-joinqr__actions'>
            <Button type='primary' size='large' className='gh-joinqr__download' disabled={qr.status !== 'ready'} loading={busy === 'download'} onClick={() => void download(union)}>
              {form === 'wxacode' ? '下载小程序码' : '下载二维码'}
            </Button>
            {IS_H5 ? (
              <Button type='primary' fill='outline' size='large' className='gh-joinqr__print' disabled={qr.status !== 'ready'} onClick={printPoster}>
                打印海报
              </Button>
            ) : null}
            {union.abilities.manage ? (
              <Button fill='outline' size='large' className='gh-joinqr__regenerate' loading={busy === 'regenerate'} disabled={busy !== null} onClick={() => void regenerate(union)}>
                更换入会码
              </Button>
            ) : null}
          </View>
          {union.abilities.manage ? <View className='gh-joinqr__note'>二维码外泄或被冒用时可更换入会码，旧二维码随即失效。</View> : null}
        </View>
      </View>

      {IS_H5 && poster ? (
        <View className='gh-card gh-joinqr__preview'>
          <View className='gh-joinqr__preview-head'>
            <View className='gh-section-title'>海报预览（A4）</View>
            <Button fill='outline' className='gh-joinqr__preview-close' onClick={() => setPoster(false)}>
              收起预览
            </Button>
          </View>
          <View className='gh-poster' aria-label={`${union.name}入会海报`}>
            <View className='gh-poster__band'>
              {parentName ? <View className='gh-poster__org'>{parentName}</View> : null}
              <View className='gh-poster__title'>职工入会</View>
            </View>
            <View className='gh-poster__union'>{union.name}</View>
            {qrImage('gh-poster__qr')}
            <View className='gh-poster__scan'>微信扫一扫 · 实名入会</View>
            <View className='gh-poster__steps'>
              <View>① 微信扫描上方二维码</View>
              <View>② 填写姓名、身份证号和工作单位</View>
              <View>{manual ? '③ 工会审核通过后成为正式会员' : '③ 提交后即成为正式会员'}</View>
            </View>
            <View className='gh-poster__foot'>入会码 {union.joinCode} · 工惠 职工普惠服务平台</View>
          </View>
          <View className='gh-joinqr__note'>打印时只输出海报本身，请在打印设置中选择 A4 纸、纵向。</View>
        </View>
      ) : null}
    </PageShell>
  );
}
