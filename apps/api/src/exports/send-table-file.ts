/**
 * Answers a request for a list as a file: the headers (type, a Vietnamese file name with an ASCII
 * fallback, no caching), then the CSV or workbook streamed. Whatever can refuse (role, scope,
 * period) must have run before: after the first byte only cutting the response is left.
 */
import type { Logger } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { tableCsv, writeTableXlsx, type ExportColumn, type TableHeading } from './table-file';

export type ExportFormat = 'xlsx' | 'csv';

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** `?format=xlsx|csv` on an export; .xlsx when absent. */
export class ExportFormatDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: ExportFormat;
}

/** "Thống kê đôn đốc 01-06-2024 đến 30-06-2024" → the same without accents, for old browsers. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

export interface TableFile<T> {
  readonly format: ExportFormat;
  /** Without extension; slashes and other characters a file name cannot hold are replaced. */
  readonly name: string;
  readonly columns: readonly ExportColumn<T>[];
  readonly rows: readonly T[];
  readonly heading: TableHeading;
}

export async function sendTableFile<T>(
  res: Response,
  logger: Logger,
  file: TableFile<T>,
): Promise<void> {
  const base = file.name.replace(/[\\/:*?"<>|\r\n\t]+/g, '-').trim();
  const vietnamese = `${base}.${file.format}`;
  const ascii = asciiFileName(vietnamese);
  res.status(200);
  res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[file.format]);
  // RFC 6266: browsers that read `filename*` get the Vietnamese name, the rest the ASCII one.
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(vietnamese)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
  try {
    if (file.format === 'csv') {
      for (const chunk of tableCsv(file.columns, file.rows)) {
        if (res.destroyed) return;
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } else {
      await writeTableXlsx(res, file.columns, file.rows, file.heading);
    }
  } catch (error) {
    // After the first byte only cutting the response tells the client the file is not whole.
    logger.error(error instanceof Error ? error.stack : String(error));
    res.destroy(error instanceof Error ? error : undefined);
  }
}
