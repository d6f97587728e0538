import type { Me } from '@gonghui/shared';

/** A shop assistant and nothing else: no member, staff or donor features to show. */
export function isMerchantOnly(me: Me | null | undefined): boolean {
  return !!me?.merchant && !me.member && me.staffRoles.length === 0 && !me.donor;
}

export function isStaff(me: Me | null | undefined): boolean {
  return (me?.staffRoles.length ?? 0) > 0;
}
