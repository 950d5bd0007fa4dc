import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { stackedBarsHeight, TREND_LINE_HEIGHT } from './chart-size';

/**
 * The recharts drawing behind charts.tsx, on its own chunk: recharts is most of the app's
 * JavaScript, so screens load and show their figures without it.
 */
export interface StackedRow {
  /** What onSelect receives (an agency code). */
  key: string;
  /** What the axis prints (an agency's name). */
  label: string;
  [series: string]: string | number;
}

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface StackedBarsProps {
  rows: StackedRow[];
  series: ChartSeries[];
  testId: string;
  onSelect?: (key: string) => void;
}

export interface TrendLineProps {
  rows: { label: string; [series: string]: string | number | null }[];
  series: ChartSeries[];
  testId: string;
  unit?: string;
}

export function RechartsStackedBars({ rows, series, testId, onSelect }: StackedBarsProps) {
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={stackedBarsHeight(rows)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="a"
              fill={s.color}
              isAnimationActive={false}
              onClick={
                // recharts types the clicked bar's payload as any: it is the row it was drawn from.
                onSelect
                  ? (entry) => onSelect(rowKey(entry.payload as StackedRow | undefined))
                  : undefined
              }
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function RechartsTrendLine({ rows, series, testId, unit = '%' }: TrendLineProps) {
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={TREND_LINE_HEIGHT}>
        <LineChart data={rows} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis unit={unit} domain={[0, 100]} />
          <Tooltip formatter={(value) => `${String(value).replace('.', ',')}${unit}`} />
          <Legend />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

const rowKey = (row: StackedRow | undefined): string => row?.key ?? '';
