import { useEffect, useState } from 'react';
import { useServerClock } from '../stores/server-clock';

/** The current time, ticking every `intervalMs` while the page is mounted. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Seconds left until `until`, ticking once a second; 0 when passed or not set. */
export function useSecondsLeft(until: number | null): number {
  const [left, setLeft] = useState(() => (until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0));
  useEffect(() => {
    if (!until) {
      setLeft(0);
      return undefined;
    }
    const tick = () => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [until]);
  return left;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 93784 s → "1天 02:03:04"; under a day → "02:03:04". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86400);
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}天 ${hms}` : hms;
}

/** The server's current time (device clock corrected by the last sync), ticking every `intervalMs`. */
export function useServerNow(intervalMs = 1000): Date {
  const offsetMs = useServerClock((s) => s.offsetMs);
  const now = useNow(intervalMs);
  return new Date(now.getTime() + offsetMs);
}
