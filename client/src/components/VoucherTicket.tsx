import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { voucherKindLabels, type VoucherKind } from '@gonghui/shared';
import { conditionText, yuanText } from '../format';
import { pressable } from '../pages/account/shared/pressable';
import './VoucherTicket.scss';

export interface TicketFace {
  kind: VoucherKind;
  thresholdFen: number | null;
  faceValueFen: number;
  stackable: boolean;
}

interface VoucherTicketProps {
  face: TicketFace;
  title: string;
  /** Lines under the title: publisher, window, validity. */
  children?: ReactNode;
  /** The one clear button (or state) at the bottom right. */
  action?: ReactNode;
  /** Left of the action: stock, quota. */
  aside?: ReactNode;
  /** Grey stub: used, expired, sold out, ended. */
  muted?: boolean;
  /** A stamp across the ticket (已使用, 已过期). */
  stamp?: string;
  onClick?: () => void;
  className?: string;
  /** Staff preview of an unfinished form: what to show instead of the amount / condition. */
  amountText?: string;
  conditionText?: string;
}

/**
 * A voucher drawn as a ticket: the amount and its condition on the stub at the left, a notched
 * perforation, then title, validity and the action on the right.
 */
export function VoucherTicket({ face, title, children, action, aside, muted = false, stamp, onClick, className, amountText, conditionText: condition }: VoucherTicketProps) {
  const amount = amountText ?? yuanText(face.faceValueFen);
  const classes = ['gh-ticket', muted ? 'gh-ticket--muted' : '', stamp ? 'gh-ticket--stamped' : '', onClick ? 'gh-ticket--tappable' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} {...(onClick ? pressable(null, onClick) : {})}>
      <View className='gh-ticket__stub'>
        <View className={amount.length > 4 ? 'gh-ticket__amount gh-ticket__amount--long' : 'gh-ticket__amount'}>
          <Text className='gh-ticket__currency'>¥</Text>
          {amount}
        </View>
        <View className='gh-ticket__cond'>{condition ?? conditionText(face)}</View>
      </View>
      <View className='gh-ticket__body'>
        <View className='gh-ticket__title'>{title}</View>
        <View className='gh-ticket__tags'>
          <Text className='gh-ticket__tag'>{voucherKindLabels[face.kind]}</Text>
          {face.stackable ? <Text className='gh-ticket__tag gh-ticket__tag--gold'>可叠加</Text> : null}
        </View>
        {children ? <View className='gh-ticket__meta'>{children}</View> : null}
        {action || aside ? (
          <View className='gh-ticket__foot'>
            <View className='gh-ticket__aside'>{aside}</View>
            {action ? <View className='gh-ticket__action'>{action}</View> : null}
          </View>
        ) : null}
      </View>
      {stamp ? <View className='gh-ticket__stamp'>{stamp}</View> : null}
    </View>
  );
}
