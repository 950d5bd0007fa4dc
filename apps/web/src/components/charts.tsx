import { lazy, memo, Suspense, useDeferredValue } from 'react';
import { stackedBarsHeight, TREND_LINE_HEIGHT } from './chart-size';
import type { StackedBarsProps, TrendLineProps } from './charts-recharts';

export type { ChartSeries, StackedRow } from './charts-recharts';

/**
 * Chart wrappers so that screens pass rows and labels, not chart configuration. recharts is
 * loaded on its own chunk and each chart is drawn in a deferred render after the screen's
 * figures and tables are on screen: a chart never holds back the data beside it (issue 8).
 * The box keeps the chart's height meanwhile so that nothing jumps when it appears.
 */
const loadRecharts = () => import('./charts-recharts');

const LazyBars = lazy(() => loadRecharts().then((m) => ({ default: m.RechartsStackedBars })));
const LazyLine = lazy(() => loadRecharts().then((m) => ({ default: m.RechartsTrendLine })));

/** Fetches the chart chunk ahead of need (called when the browser is idle after login). */
export function preloadCharts(): void {
  void loadRecharts();
}

/** `false` on the first render, `true` in a deferred one React runs after painting it. */
const useAfterFirstPaint = () => useDeferredValue(true, false);

export const StackedBars = memo(function StackedBars(props: StackedBarsProps) {
  const draw = useAfterFirstPaint();
  return (
    <div className="chart-box" style={{ minHeight: stackedBarsHeight(props.rows) }}>
      {draw && (
        <Suspense fallback={null}>
          <LazyBars {...props} />
        </Suspense>
      )}
    </div>
  );
});

export const TrendLine = memo(function TrendLine(props: TrendLineProps) {
  const draw = useAfterFirstPaint();
  return (
    <div className="chart-box" style={{ minHeight: TREND_LINE_HEIGHT }}>
      {draw && (
        <Suspense fallback={null}>
          <LazyLine {...props} />
        </Suspense>
      )}
    </div>
  );
});
