export { reportTextVi, reportTextSections, overdueLineVi } from './report-text';
export type { ReportTextSections } from './report-text';
export { reportWorkbook, SHEET_NAMES_VI } from './report-xlsx';
export { reportDocument, letterheadFor } from './report-docx';
export type { Letterhead } from './report-docx';
