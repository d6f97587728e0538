import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { pressable } from '../pages/account/shared/pressable';
import './DataTable.scss';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** Grid width on a desktop browser, e.g. '2fr' (default '1fr'). */
  width?: string;
  /** Right-aligned figures. */
  num?: boolean;
  /** Phone: the row's heading line (no label, full width, larger). */
  primary?: boolean;
  /** Phone: a full-width line (long values: addresses, time windows, actions). */
  full?: boolean;
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  className?: string;
}

/**
 * Staff lists: a real table with a header row on a desktop browser; on a phone each row is a
 * small card with a label before each value.
 */
export function DataTable<T>({ columns, rows, rowKey, onRowClick, className }: DataTableProps<T>) {
  const grid = { gridTemplateColumns: columns.map((c) => c.width ?? '1fr').join(' ') };
  const cellClass = (c: Column<T>) =>
    ['gh-table__cell', `gh-table__cell--${c.key}`, c.num ? 'gh-table__cell--num' : '', c.primary ? 'gh-table__cell--primary' : '', c.full ? 'gh-table__cell--full' : ''].filter(Boolean).join(' ');
  return (
    <View className={`gh-table ${className ?? ''}`}>
      <View className='gh-table__row gh-table__row--head' style={grid}>
        {columns.map((c) => (
          <View key={c.key} className={cellClass(c)}>
            {c.title}
          </View>
        ))}
      </View>
      {rows.map((row) => (
        <View
          key={rowKey(row)}
          className={onRowClick ? 'gh-table__row gh-table__row--link' : 'gh-table__row'}
          style={grid}
          {...(onRowClick ? pressable(null, () => onRowClick(row)) : {})}
        >
          {columns.map((c) => (
            <View key={c.key} className={cellClass(c)}>
              {c.primary ? null : <Text className='gh-table__label'>{c.title}</Text>}
              <View className='gh-table__value'>{c.render(row)}</View>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
