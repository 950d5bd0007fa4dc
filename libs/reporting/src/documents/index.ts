export { reportTextVi, reportTextSections } from './report-text';
export { reportWorkbook, SHEET_NAMES_VI, FIGURE_COLUMNS } from './report-xlsx';
export { reportDocument, letterheadFor } from './report-docx';
export type { Letterhead } from './report-docx';
export { reportFileNames, viDateTime, codeAsName } from './document-format';
export type { AgencyNameOf } from './document-format';
