import type { CompletionStats } from '../api/types';
import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** The four classes and the three rates, each rate with its counts as reports write them. */
export function StatsSummary({ stats, testId }: { stats: CompletionStats; testId: string }) {
  const { t } = useI18n();
  const classes = [
    ['stats.total', stats.total],
    ['stats.doneOnTime', stats.done.onTime],
    ['stats.doneLate', stats.done.late],
    ['stats.notDoneWithin', stats.notDone.withinDeadline],
    ['stats.notDoneOverdue', stats.notDone.overdue],
    ['stats.noDeadline', stats.done.noDeadline + stats.notDone.noDeadline],
  ] as const;
  const rates = [
    ['stats.rateDoneOfAssigned', stats.rates.doneOfAssigned],
    ['stats.rateDoneOfDue', stats.rates.doneOfDue],
    ['stats.rateOnTimeOfDone', stats.rates.onTimeOfDone],
  ] as const;
  return (
    <div className="stats" data-testid={testId}>
      <div className="tiles">
        {classes.map(([key, value]) => (
          <div className="tile" key={key} data-testid={`${testId}-${key.slice(6)}`}>
            <span className="tile-value">{formatNumber(value)}</span>
            <span className="tile-label">{t(key)}</span>
          </div>
        ))}
      </div>
      <div className="tiles">
        {rates.map(([key, rate]) => (
          <div className="tile rate" key={key} data-testid={`${testId}-${key.slice(6)}`}>
            <span className="tile-value">{rate.display}</span>
            <span className="tile-label">
              {t(key)} ({formatNumber(rate.numerator)}/{formatNumber(rate.denominator)})
            </span>
          </div>
        ))}
      </div>
      <p className="summary" data-testid={`${testId}-summary`}>
        {stats.summaryVi}
      </p>
    </div>
  );
}
