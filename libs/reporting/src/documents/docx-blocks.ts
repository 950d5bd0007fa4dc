import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/**
 * Paragraph and table builders in the sizes Nghị định 30/2020 (Phụ lục I) sets for
 * administrative documents. Sizes are in points here and converted once, because docx counts
 * half-points for text and twentieths of a point (twips) for lengths.
 */

export const FONT = 'Times New Roman';
/** Body text: 13–14 pt. */
export const BODY_PT = 14;
/** Tables and the header of the document: 12–13 pt. */
export const SMALL_PT = 13;
const TABLE_PT = 12;
/** The "Nơi nhận" block: 12 pt for the heading, 11 pt for the recipients. */
export const RECIPIENTS_HEADING_PT = 12;
export const RECIPIENTS_PT = 11;

export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
/** A4 portrait and the margins of ND 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
} as const;
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

interface TextStyle {
  readonly size?: number;
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** First-line indent of body paragraphs, in twips. */
  readonly firstLine?: number;
  readonly before?: number;
  readonly after?: number;
  /** Keeps a heading on the page of what follows it. */
  readonly keepNext?: boolean;
}

export function para(text: string, style: TextStyle = {}): Paragraph {
  return new Paragraph({
    alignment: style.align ?? AlignmentType.LEFT,
    spacing: { before: style.before ?? 0, after: style.after ?? 0, line: 276 },
    ...(style.firstLine !== undefined ? { indent: { firstLine: style.firstLine } } : {}),
    ...(style.keepNext === true ? { keepNext: true } : {}),
    children: [
      new TextRun({
        text,
        font: FONT,
        size: (style.size ?? BODY_PT) * 2,
        bold: style.bold ?? false,
        italics: style.italics ?? false,
      }),
    ],
  });
}

/** An empty paragraph whose bottom border is the short rule; its indents set the rule's length. */
export function rule(indent: number): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, space: 1, color: '000000' } },
    children: [],
  });
}

/** A body paragraph: justified, indented first line, 6 pt after. */
export const bodyPara = (text: string): Paragraph =>
  para(text, { align: AlignmentType.JUSTIFIED, firstLine: mm(10), after: 120 });

export const heading = (text: string): Paragraph =>
  para(text, {
    bold: true,
    align: AlignmentType.JUSTIFIED,
    firstLine: mm(10),
    before: 120,
    after: 120,
  });

/** A borderless layout table (header, signature): columns in twips, children per cell. */
export function layoutTable(widths: readonly number[], cells: readonly Paragraph[][][]): Table {
  return new Table({
    width: { size: sum(widths), type: WidthType.DXA },
    columnWidths: [...widths],
    borders: TableBorders.NONE,
    rows: cells.map(
      (row) =>
        new TableRow({
          children: row.map(
            (children, i) =>
              new TableCell({
                width: { size: widths[i], type: WidthType.DXA },
                borders: NO_BORDERS,
                children,
              }),
          ),
        }),
    ),
  });
}

export interface GridColumn {
  readonly header: string;
  readonly width: number;
  readonly align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

interface GridOptions {
  /** Points; wide tables go down to 11 so numbers stay on one line. */
  readonly size?: number;
  /** A "Tổng cộng" row, printed bold like the header. */
  readonly totalRow?: boolean;
}

/** A ruled data table with a bold header row, repeated on every page it spans. */
export function gridTable(
  columns: readonly GridColumn[],
  rows: readonly string[][],
  options: GridOptions = {},
): Table {
  const cell = (text: string, column: GridColumn, bold: boolean, header = false) =>
    new TableCell({
      width: { size: column.width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 50, right: 50, top: 20, bottom: 20 },
      children: [
        para(text, {
          size: options.size ?? TABLE_PT,
          bold,
          align: header ? AlignmentType.CENTER : (column.align ?? AlignmentType.LEFT),
        }),
      ],
    });
  return new Table({
    width: { size: sum(columns.map((c) => c.width)), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    rows: [
      new TableRow({
        tableHeader: true,
        children: columns.map((c) => cell(c.header, c, true, true)),
      }),
      ...rows.map((row, r) => {
        const bold = options.totalRow === true && r === rows.length - 1;
        return new TableRow({ children: row.map((text, i) => cell(text, columns[i], bold)) });
      }),
    ],
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE } as const;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
