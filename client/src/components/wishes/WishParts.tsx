import { useRef, useState, type ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  formatFen,
  formatShanghai,
  wishActionLabels,
  wishCategoryLabels,
  wishKindLabels,
  wishStatusLabels,
  type WishCategory,
  type WishKind,
  type WishStatus,
} from '@gonghui/shared';
import { newIdempotencyKey } from '../../api';
import { KeyRing } from '../../api/keyring';
import { confirmDialog, toast } from '../../dialogs';
import { EmptyView, ErrorView, LoadingView, errorText } from '../StatusView';
import { PageShell } from '../PageShell';
import { openPage } from '../../navigation';
import type { Resource } from '../../hooks/useResource';
import { pressable } from '../../pages/account/shared/pressable';
import type { PagedList } from '../../hooks/usePagedList';
import './wishes.scss';

export function WishStatusBadge({ status }: { status: WishStatus }) {
  return <Text className={`gh-badge gh-wish-badge gh-wish-badge--${status}`}>{wishStatusLabels[status]}</Text>;
}

interface WishFace {
  category: WishCategory;
  kind: WishKind;
  valueFen: number;
  wishedBy: string;
}

/** 助学 · 物品 · 约¥240 · 希望 2027-01-10 前实现 */
export function wishMetaText(w: WishFace): string {
  return `${wishCategoryLabels[w.category]} · ${wishKindLabels[w.kind]} · 约${formatFen(w.valueFen)} · 希望${w.wishedBy}前实现`;
}

/** One wish in a list: the whole card opens it. */
export function WishCard({ title, face, status, extra, onOpen, className }: { title: string; face: WishFace; status: WishStatus; extra?: ReactNode; onOpen: () => void; className?: string }) {
  return (
    <View className={`gh-card gh-wish-card ${className ?? ''}`} {...pressable(null, onOpen, { role: 'link' })}>
      <View className='gh-wish-card__head'>
        <View className='gh-wish-card__title'>{title}</View>
        <WishStatusBadge status={status} />
      </View>
      <View className='gh-wish-card__meta'>{wishMetaText(face)}</View>
      {extra ? <View className='gh-wish-card__extra'>{extra}</View> : null}
    </View>
  );
}

interface TimelineRow {
  action: keyof typeof wishActionLabels | 'create';
  toStatus: WishStatus;
  at: string;
  actorLabel?: string;
  note?: string | null;
}

/** A wish's steps, oldest first: what happened, when, by whom (where the view carries it). */
export function WishTimeline({ rows }: { rows: TimelineRow[] }) {
  return (
    <View className='gh-card gh-wish-timeline'>
      <View className='gh-section-title'>心愿进展</View>
      {rows.map((r, i) => (
        <View key={`${r.at}-${i}`} className='gh-wish-timeline__row'>
          <View className='gh-wish-timeline__dot' aria-hidden='true' />
          <View className='gh-wish-timeline__body'>
            <View className='gh-wish-timeline__what'>
              {r.action === 'create' ? '写下心愿' : wishActionLabels[r.action]}
              <Text className='gh-wish-timeline__to'>（{wishStatusLabels[r.toStatus]}）</Text>
            </View>
            <View className='gh-wish-timeline__when'>
              {formatShanghai(r.at)}
              {r.actorLabel ? ` · ${r.actorLabel}` : ''}
            </View>
            {r.note ? <View className='gh-wish-timeline__note'>{r.note}</View> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

/**
 * One action on a wish at a time: confirms first when asked, shows the button busy, toasts the
 * outcome and hands the answer to `done`. Errors are toasted by the API layer.
 */
export function useWishAction() {
  const [acting, setActing] = useState<string | null>(null);
  // One Idempotency-Key per action and payload until the server answers (see KeyRing)
  const keys = useRef(new KeyRing(newIdempotencyKey));
  const run = async <T,>(
    key: string,
    send: (idempotencyKey: string) => Promise<T>,
    opts: { confirm?: { title: string; content: string; confirmText?: string }; success: string; done?: (answer: T) => void; payload?: string },
  ) => {
    if (acting) return;
    if (opts.confirm && !(await confirmDialog(opts.confirm))) return;
    const slot = `${key}|${opts.payload ?? ''}`;
    setActing(key);
    try {
      const answer = await send(keys.current.take(slot));
      keys.current.settle(slot);
      toast(opts.success, 'success');
      opts.done?.(answer);
    } catch (e) {
      keys.current.settle(slot, e); // the error itself is shown by the API layer
    } finally {
      setActing(null);
    }
  };
  return { acting, run };
}

/** The end of a paged list: 加载更多 (or its retry), else how many were shown. */
export function ListFooter<T>({ list, loadMore, unit }: { list: PagedList<T>; loadMore: (cursor: string) => Promise<void>; unit: string }) {
  if (list.status !== 'ready' || list.items.length === 0) return null;
  return (
    <View className='gh-wish-list__more'>
      {list.moreError ? <View className='gh-wish-list__more-error'>{errorText(list.moreError)}</View> : null}
      {list.nextCursor ? (
        <Button fill='outline' block loading={list.loadingMore} className='gh-load-more' onClick={() => void loadMore(list.nextCursor!)}>
          {list.moreError ? '重试加载更多' : '加载更多'}
        </Button>
      ) : (
        <View className='gh-wish-list__end'>
          共 {list.items.length} {unit}
        </View>
      )}
    </View>
  );
}

/** A labelled line of a detail card. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='gh-wish-fact'>
      <Text className='gh-wish-fact__label'>{label}</Text>
      <Text className='gh-wish-fact__value'>{children}</Text>
    </View>
  );
}

/**
 * A wish page's frame around its data: no id (an old link) says where to go instead, loading
 * and errors show in place, and `children` draws the wish once it is here.
 */
export function WishGate<T>({
  id,
  resource,
  className,
  back,
  wide = false,
  missing = '没有找到这个心愿',
  staffOnly = false,
  children,
}: {
  id: string;
  /** What a link without an id says is missing. */
  missing?: string;
  /** A staff page: someone without a staff role is told whom it is for (PageShell's staffOnly). */
  staffOnly?: boolean;
  wide?: boolean;
  resource: Resource<T>;
  className: string;
  back: { label: string; page: string };
  children: (data: T) => ReactNode;
}) {
  let body: ReactNode;
  if (!id) {
    body = (
      <EmptyView
        title={missing}
        hint='链接不完整，请从列表中重新打开。'
        action={
          <Button type='primary' fill='outline' className='gh-wish-gate__back' onClick={() => openPage(back.page)}>
            {back.label}
          </Button>
        }
      />
    );
  } else if (resource.status === 'error') body = <ErrorView error={resource.error} onRetry={() => void resource.reload()} />;
  else if (resource.status !== 'ready') body = <LoadingView />;
  else body = children(resource.data);
  return (
    <PageShell wide={wide} staffOnly={staffOnly} className={className}>
      {body}
    </PageShell>
  );
}
