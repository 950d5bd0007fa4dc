import { lazy, memo, Suspense, useEffect, useState } from 'react';
import { stackedBarsHeight, TREND_LINE_HEIGHT } from './chart-size';
import type { StackedBarsProps, TrendLineProps } from './charts-recharts';

/**
 * Chart wrappers so that screens pass rows and labels, not chart configuration. recharts is
 * loaded on its own chunk and each chart is drawn only once the browser has painted the
 * screen's figures and tables: a chart never holds back the data beside it (issue 8; drawing
 * the dashboard's two charts takes about as long as everything else on it). The box keeps the
 * chart's height meanwhile so that nothing jumps when it appears.
 */
const loadRecharts = () => import('./charts-recharts');

const LazyBars = lazy(() => loadRecharts().then((m) => ({ default: m.RechartsStackedBars })));
const LazyLine = lazy(() => loadRecharts().then((m) => ({ default: m.RechartsTrendLine })));

/** Fetches the chart chunk ahead of need (called when the browser is idle after login). */
export function preloadCharts(): void {
  void loadRecharts();
}

/**
 * `false` until the frame showing the first render has been painted. React's own deferral
 * (useDeferredValue) renders before the browser paints when it can, which is what this avoids:
 * a task queued from requestAnimationFrame runs after that frame (every browser, phones too).
 */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return painted;
}

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
