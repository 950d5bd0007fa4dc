/** Chart heights, shared by the drawing and by the box that holds its place until it is drawn. */
export const stackedBarsHeight = (rows: readonly unknown[]) => Math.max(240, rows.length * 26 + 60);
export const TREND_LINE_HEIGHT = 260;
