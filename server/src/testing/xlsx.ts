import ExcelJS from 'exceljs';

/** Every sheet's name and cell values, for comparing two exports whose zip bytes differ only in timestamps. */
export async function xlsxCells(buffer: ArrayBuffer | Buffer): Promise<{ sheet: string; rows: unknown[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[] = [];
    ws.eachRow((row, n) => rows.push([n, row.values]));
    return { sheet: ws.name, rows };
  });
}
