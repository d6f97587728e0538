import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { VoucherBatchAdminView } from '@gonghui/shared';
import type { BatchErrors, BatchForm } from './model';

/** What every section of the editor gets: the form, its errors and how much of it may change. */
export interface SectionProps {
  form: BatchForm;
  set: <K extends keyof BatchForm>(key: K, value: BatchForm[K]) => void;
  errors: BatchErrors;
  /** Scheduled or open: its name, description, stock and merchants can still change, nothing else. */
  published: VoucherBatchAdminView | null;
  /** A batch this staff member may not change: every field shown, none editable. */
  readOnly: VoucherBatchAdminView | null;
  /** Value, kind, schedule and audience: kept by a published batch, and by a read-only one. */
  fixed: boolean;
}

/** A value a published batch keeps: shown, not editable. */
export function Fixed({ children, className }: { children: ReactNode; className?: string }) {
  return <View className={`gh-batch-edit__fixed ${className ?? ''}`}>{children}</View>;
}

export function toggled<T extends string>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
