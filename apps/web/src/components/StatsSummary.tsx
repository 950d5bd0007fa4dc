import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { CompletionStats, Rate } from '../api/types';
import { formatNumber } from '../format/format';
import type { MessageKey } from '../i18n/dictionary';
import { useI18n } from '../i18n/i18n';
import { taskListLink, TILE_CLASSES, type StatsListScope, type TileKey } from './stats-links';

/**
 * The four classes, the three rates and the overdue share, each rate with its counts as reports
 * write them. Given the period and scope the figures were counted for (`listScope`), every tile
 * is a link to the list of exactly the tasks it counts.
 */
export function StatsSummary({
  stats,
  testId,
  listScope,
}: {
  stats: CompletionStats;
  testId: string;
  listScope?: StatsListScope;
}) {
  const { t } = useI18n();
  const classes = [
    ['total', 'stats.total', stats.total],
    ['doneOnTime', 'stats.doneOnTime', stats.done.onTime],
    ['doneLate', 'stats.doneLate', stats.done.late],
    ['notDoneWithin', 'stats.notDoneWithin', stats.notDone.withinDeadline],
    ['notDoneOverdue', 'stats.notDoneOverdue', stats.notDone.overdue],
    ['noDeadline', 'stats.noDeadline', stats.done.noDeadline + stats.notDone.noDeadline],
  ] as const;
  // An older report snapshot has no overdue share: it is left out rather than computed here.
  const rates: [TileKey, MessageKey, Rate][] = [
    ['rateDoneOfAssigned', 'stats.rateDoneOfAssigned', stats.rates.doneOfAssigned],
    ['rateDoneOfDue', 'stats.rateDoneOfDue', stats.rates.doneOfDue],
    ['rateOnTimeOfDone', 'stats.rateOnTimeOfDone', stats.rates.onTimeOfDone],
  ];
  if (stats.rates.overdueShare) {
    rates.push(['overdueShare', 'stats.overdueShare', stats.rates.overdueShare]);
  }
  const tile = (key: TileKey, content: ReactNode, className: string) => {
    const tileId = `${testId}-${key}`;
    if (listScope === undefined) {
      return (
        <div className={className} key={key} data-testid={tileId}>
          {content}
        </div>
      );
    }
    return (
      <Link
        className={`${className} tile-link`}
        key={key}
        data-testid={tileId}
        to={taskListLink(listScope, TILE_CLASSES[key])}
        title={t('stats.openList')}
      >
        {content}
      </Link>
    );
  };
  return (
    <div className="stats" data-testid={testId}>
      <div className="tiles">
        {classes.map(([key, label, value]) =>
          tile(
            key,
            <>
              <span className="tile-value">{formatNumber(value)}</span>
              <span className="tile-label">{t(label)}</span>
            </>,
            'tile',
          ),
        )}
      </div>
      <div className="tiles">
        {rates.map(([key, label, rate]) =>
          tile(
            key,
            <>
              <span className="tile-value">{rate.display}</span>
              <span className="tile-label">
                {t(label)} ({formatNumber(rate.numerator)}/{formatNumber(rate.denominator)})
              </span>
            </>,
            'tile rate',
          ),
        )}
      </div>
      <p className="summary" data-testid={`${testId}-summary`}>
        {stats.summaryVi}
      </p>
    </div>
  );
}
