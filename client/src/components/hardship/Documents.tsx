import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatShanghai, hardshipDocumentLabels, type HardshipDocumentKind, type HardshipDocumentView } from '@gonghui/shared';
import { api, fetchBinary, isApiError, saveHref, uploadFile, type PickedFile } from '../../api';
import { toast } from '../../dialogs';
import { Chips, FormRow } from '../Form';

export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

/** H5: the browser's file picker (images and PDF); null when the person closes it. */
function pickInBrowser(): Promise<PickedFile | null> {
  // the mini-program build drops the rest (no DOM there)
  if (process.env.TARO_ENV !== 'h5') return Promise.resolve(null);
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,application/pdf,.pdf,.jpg,.jpeg,.png';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { file } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

async function pickImage(): Promise<PickedFile | null> {
  try {
    const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    const path = r.tempFilePaths[0];
    return path ? { tempFilePath: path } : null;
  } catch {
    return null; // cancelled
  }
}

async function pickPdf(): Promise<PickedFile | null> {
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
    const f = r.tempFiles[0];
    return f ? { tempFilePath: f.path, name: f.name } : null;
  } catch {
    return null;
  }
}

interface Props {
  applicationId: string;
  documents: HardshipDocumentView[];
  /** The kinds on the application's checklist: what may be uploaded. */
  kinds: HardshipDocumentKind[];
  /** `member`: the owner; `staff`: with the duty, who states a reason to open a document. */
  who: 'member' | 'staff';
  mayUpload: boolean;
  onChanged: () => void;
}

/** The application's documents: the list (kind, name, size, when), upload from the checklist, and opening one. */
export function Documents({ applicationId, documents, kinds, who, mayUpload, onChanged }: Props) {
  const [kind, setKind] = useState<HardshipDocumentKind | ''>(kinds.length === 1 ? kinds[0]! : '');
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const h5 = process.env.TARO_ENV === 'h5';

  const send = async (pick: () => Promise<PickedFile | null>) => {
    if (!kind) return toast('请先选择材料类别');
    const picked = await pick();
    if (!picked) return;
    setBusy(true);
    try {
      const endpoint = who === 'member' ? api.uploadMyHardshipDocument : api.uploadHardshipDocument;
      await uploadFile(endpoint, { params: { id: applicationId }, fields: { kind }, picked });
      toast('已上传', 'success');
      onChanged();
    } catch (e) {
      toast(isApiError(e) ? e.message : '上传失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const open = async (d: HardshipDocumentView) => {
    if (who === 'staff' && reason.trim().length < 2) return toast('请填写查看原因');
    setBusy(true);
    try {
      const answer =
        who === 'member'
          ? await fetchBinary(api.myHardshipDocument, { params: { id: applicationId, documentId: d.id } })
          : await fetchBinary(api.hardshipDocument, { params: { id: applicationId, documentId: d.id }, query: { reason: reason.trim() } });
      if ('blob' in answer) {
        const href = URL.createObjectURL(answer.blob);
        saveHref(href, d.name);
        setTimeout(() => URL.revokeObjectURL(href), 30_000);
      } else if (d.contentType === 'application/pdf') {
        await Taro.openDocument({ filePath: answer.tempFilePath, fileType: 'pdf', showMenu: true });
      } else {
        await Taro.previewImage({ urls: [answer.tempFilePath], current: answer.tempFilePath });
      }
      if (who === 'staff') onChanged(); // the read is now in the member's audit
    } catch (e) {
      toast(isApiError(e) ? e.message : '打开失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='gh-hs-docs'>
      {documents.length === 0 ? <View className='gh-muted'>还没有上传证明材料。</View> : null}
      {who === 'staff' && documents.length > 0 ? (
        <>
          <View className='gh-muted'>查看材料须写明原因，每次查看都会留痕，职工本人可以看到。</View>
          <FormRow label='查看原因'>
            <Input className='gh-input gh-hs-docs__reason' placeholder='例如：核对医疗费用发票' maxLength={100} value={reason} onChange={setReason} />
          </FormRow>
        </>
      ) : null}
      {documents.map((d) => (
        <View key={d.id} className='gh-hs-row gh-hs-docs__item'>
          <View className='gh-hs-row__main'>
            <View className='gh-hs-row__title'>{hardshipDocumentLabels[d.kind]}</View>
            <View className='gh-hs-row__meta'>
              {d.name} · {fileSize(d.sizeBytes)} · {formatShanghai(d.uploadedAt, true)}
              {d.uploadedByStaff ? ' · 工会上传' : ''}
            </View>
          </View>
          <Button size='small' fill='outline' disabled={busy} className='gh-hs-docs__open' onClick={() => void open(d)}>
            查看
          </Button>
        </View>
      ))}
      {mayUpload && kinds.length > 0 ? (
        <View className='gh-hs-docs__upload'>
          <FormRow label='材料类别' hint='JPG、PNG 图片或 PDF，每个文件不超过 10MB，加密保存'>
            <Chips options={kinds.map((k) => ({ key: k, label: hardshipDocumentLabels[k] }))} value={kind as HardshipDocumentKind} onChange={setKind} label='材料类别' className='gh-hs-docs__kind' />
          </FormRow>
          <View className='gh-hs-actions'>
            {h5 ? (
              <Button type='primary' fill='outline' block loading={busy} className='gh-hs-docs__pick' onClick={() => void send(pickInBrowser)}>
                选择图片或PDF上传
              </Button>
            ) : (
              <>
                <Button type='primary' fill='outline' block loading={busy} className='gh-hs-docs__pick' onClick={() => void send(pickImage)}>
                  拍照或从相册上传
                </Button>
                <Button fill='outline' block disabled={busy} className='gh-hs-docs__pick-pdf' onClick={() => void send(pickPdf)}>
                  从聊天记录选PDF上传
                </Button>
              </>
            )}
          </View>
        </View>
      ) : null}
      {mayUpload && kinds.length === 0 ? <View className='gh-muted'>申请时未勾选已备材料，无法上传。</View> : null}
    </View>
  );
}
