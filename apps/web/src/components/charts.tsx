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

/** Thin wrappers so that screens pass rows and labels, not chart configuration. */
export interface StackedRow {
  label: string;
  [series: string]: string | number;
}

export function StackedBars({
  rows,
  series,
  testId,
  onSelect,
}: {
  rows: StackedRow[];
  series: { key: string; label: string; color: string }[];
  testId: string;
  onSelect?: (label: string) => void;
}) {
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={Math.max(240, rows.length * 26 + 60)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={110} />
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
                onSelect ? (entry) => onSelect(String(entry.payload?.label ?? '')) : undefined
              }
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TrendLine({
  rows,
  series,
  testId,
  unit = '%',
}: {
  rows: { label: string; [series: string]: string | number | null }[];
  series: { key: string; label: string; color: string }[];
  testId: string;
  unit?: string;
}) {
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={260}>
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
