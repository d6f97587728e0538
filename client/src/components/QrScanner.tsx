import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import './QrScanner.scss';

interface Controls {
  stop: () => void;
}

/**
 * The decoder, H5 only: the import sits inside a constant branch so the mini-program build
 * drops it (and @zxing with it); an early return would not.
 */
function loadReader(): Promise<typeof import('@zxing/browser').BrowserQRCodeReader | null> {
  // Not async: Babel would turn an async body into a state machine and the branch would no longer be constant.
  if (process.env.TARO_ENV === 'h5') {
    return import(/* webpackChunkName: "qr-scanner" */ '@zxing/browser').then((m) => m.BrowserQRCodeReader);
  }
  return Promise.resolve(null);
}

/**
 * H5: the camera in a full-screen layer, decoded by @zxing/browser (loaded only when the
 * layer opens, so it costs nothing until a cashier or staff member taps 扫码).
 */
function CameraLayer({ onResult, onClose }: { onResult: (text: string) => void; onClose: () => void }) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = useRef(false);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    let controls: Controls | null = null;
    let live = true;
    (async () => {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        setProblem('此浏览器无法使用摄像头，请直接输入数字');
        return;
      }
      try {
        const BrowserQRCodeReader = await loadReader();
        if (!BrowserQRCodeReader || !live || !videoRef.current) return;
        const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 200 });
        controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, videoRef.current, (result) => {
          if (result && !done.current) {
            done.current = true;
            controls?.stop();
            onResult(result.getText());
          }
        });
        if (!live) controls.stop();
      } catch {
        if (live) setProblem('无法打开摄像头：请在浏览器设置中允许使用摄像头，或直接输入数字');
      }
    })();
    return () => {
      live = false;
      controls?.stop();
    };
  }, [onResult]);

  return (
    <View className='gh-scan' role='dialog' aria-modal='true' aria-label='扫描二维码'>
      <View className='gh-scan__frame'>
        {process.env.TARO_ENV === 'h5' ? <video ref={videoRef} className='gh-scan__video' muted playsInline aria-label='摄像头画面' /> : null}
        {problem ? null : <View className='gh-scan__aim' aria-hidden='true' />}
      </View>
      <View className={problem ? 'gh-scan__hint gh-scan__hint--problem' : 'gh-scan__hint'} role='status'>
        {problem ?? '将二维码放入框内，即可自动识别'}
      </View>
      <Button size='large' className='gh-scan__cancel' onClick={onClose}>
        取消扫码
      </Button>
    </View>
  );
}

/**
 * Scanning a QR code the same way on both platforms: `scan()` resolves with the text, or null
 * when cancelled. weapp uses the mini-program's own scanner (Taro.scanCode); H5 needs the
 * returned `layer` rendered in the page.
 */
export function useQrScan(): { scan: () => Promise<string | null>; layer: ReactNode } {
  const [open, setOpen] = useState(false);
  const pending = useRef<((text: string | null) => void) | null>(null);

  const finish = useCallback((text: string | null) => {
    setOpen(false);
    const resolve = pending.current;
    pending.current = null;
    resolve?.(text);
  }, []);
  const onResult = useCallback((text: string) => finish(text), [finish]);
  const onClose = useCallback(() => finish(null), [finish]);

  const scan = useCallback(async (): Promise<string | null> => {
    if (process.env.TARO_ENV !== 'h5') {
      try {
        const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
        return res.result;
      } catch {
        return null; // cancelled
      }
    }
    pending.current?.(null);
    setOpen(true);
    return new Promise<string | null>((resolve) => {
      pending.current = resolve;
    });
  }, []);

  const layer = process.env.TARO_ENV === 'h5' && open ? <CameraLayer onResult={onResult} onClose={onClose} /> : null;
  return { scan, layer };
}

/**
 * H5: a code field that brings up the number pad while still taking "12345 67890" as read out
 * (type=number would refuse the space). The mini-program uses type='number' instead.
 */
export function useNumericKeypad(selector: string): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const apply = () =>
      document.querySelectorAll<HTMLInputElement>(`${selector} input`).forEach((el) => {
        if (el.getAttribute('inputmode') !== 'numeric') {
          el.setAttribute('inputmode', 'numeric');
          el.setAttribute('pattern', '[0-9 ]*');
          el.setAttribute('autocomplete', 'off');
        }
      });
    apply();
    // Taro's H5 input draws its inner <input> a moment after React mounts it.
    const timers = [setTimeout(apply, 100), setTimeout(apply, 600)];
    return () => timers.forEach(clearTimeout);
  });
}
