import { useRef, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { normalizeMemberCode } from '../memberCode';
import { useNumericKeypad, useQrScan } from './QrScanner';
import { errorText } from './StatusView';
import './CodeEntry.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** A code a member shows on their phone for staff to scan or type. */
export interface CodeKind {
  /** 会员码, 领取码 … */
  name: string;
  digits: number;
  /** the digits of a scanned or typed code (spaces and the QR prefix dropped), or null */
  normalize(raw: string): string | null;
  /** said when the camera read some other QR code */
  foreign: string;
}

export const MEMBER_CODE: CodeKind = { name: '会员码', digits: 12, normalize: normalizeMemberCode, foreign: '这不是工惠会员码' };

/** A typed code may carry spaces, one per group of four read out. */
const SLACK = 4;

/**
 * Scan or type: the scan button (the mini-program's scanner, the camera layer in H5), a field
 * that opens the number pad, the error and the submit button. `onSubmit` gets the digits; what
 * it throws is shown here, and the field is cleared when it succeeds. The parts carry
 * `${cls}__scan`, `${cls}__code`, `${cls}__error` and `${cls}__submit`.
 */
export function CodeEntry({
  kind,
  cls,
  scanLabel,
  submitLabel,
  onSubmit,
  onEdit,
}: {
  kind: CodeKind;
  cls: string;
  scanLabel: string;
  submitLabel: string;
  onSubmit: (code: string) => Promise<void>;
  /** the staff member started another code: clear what the last one showed */
  onEdit?: () => void;
}): ReactNode {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false); // Enter and a tap in one moment send one request
  const { scan, layer } = useQrScan();
  useNumericKeypad(`.${cls}__code`);

  const run = async (raw: string) => {
    if (sending.current) return;
    const code = kind.normalize(raw);
    if (!code) {
      setError(`请输入会员出示的${kind.digits}位${kind.name}`);
      return;
    }
    sending.current = true;
    setBusy(true);
    setError(null);
    onEdit?.();
    try {
      await onSubmit(code);
      setText('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const scanCode = async () => {
    const result = await scan();
    if (result === null) return;
    const code = kind.normalize(result);
    if (!code) {
      setError(kind.foreign);
      return;
    }
    setText(code);
    void run(code);
  };

  return (
    <View className='gh-code-entry'>
      <Button type='primary' size='large' block className={`gh-code-entry__scan ${cls}__scan`} onClick={() => void scanCode()}>
        {scanLabel}
      </Button>
      <View className='gh-field'>
        <View className='gh-field__label'>{kind.name}</View>
        <Input
          className={`gh-field__input ${cls}__code`}
          type={IS_WEAPP ? 'number' : 'text'}
          placeholder={`或输入${kind.digits}位数字`}
          value={text}
          maxLength={IS_WEAPP ? kind.digits : kind.digits + SLACK}
          onChange={(v) => {
            setText(v.replace(/[^\d\s]/g, '').slice(0, kind.digits + SLACK));
            setError(null);
          }}
          onConfirm={() => void run(text)}
        />
      </View>
      {error ? (
        <View className={`gh-code-entry__error ${cls}__error`} role='alert'>
          {error}
        </View>
      ) : null}
      <Button type='primary' fill='outline' size='large' block loading={busy} className={`gh-code-entry__submit ${cls}__submit`} onClick={() => void run(text)}>
        {submitLabel}
      </Button>
      {layer}
    </View>
  );
}
