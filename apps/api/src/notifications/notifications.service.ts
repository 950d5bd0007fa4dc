import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import {
  authorizeTaskAction,
  decideMarkRead,
  isDomainError,
  STREAMS,
  vietnamDateOf,
  type TaskTimeline,
} from '@chidao/domain';
import { ConcurrencyError, type EventStore, type StreamWrite } from '@chidao/event-store';
import type { ReminderMessageDocument, Where } from '@chidao/projections';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import {
  AggregateRepository,
  fold,
  metadataOf,
  toNewEvents,
} from '../infrastructure/aggregate-repository';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { ProjectionsService } from '../read-models/projections.service';
import {
  malformedNotificationId,
  NOTIFICATION_ID,
  reminderMessageStream,
} from './notification-messages';
import type {
  MarkAllReadResult,
  MarkReadResult,
  NotificationItem,
  NotificationPage,
  NotificationsQueryDto,
  NotificationTask,
} from './notifications.dto';

const READ_MODEL = 'reminder_messages';
/** Messages marked per transaction by "mark all read": memory and lock time stay bounded. */
const MARK_ALL_BATCH = 100;

/**
 * A person's in-app messages (the bell and its list), read from the `reminder_messages` read
 * model, and marking them read through the log (ReminderMessageRead, decided by decideMarkRead).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get messages() {
    return this.projections.collection<ReminderMessageDocument>(READ_MODEL);
  }

  /** Only ever the caller's own in-app messages: the filter every read starts from. */
  private own(ctx: RequestContext): Where {
    return { user_id: ctx.actor.userId, channel: 'in_app' };
  }

  async unreadCount(ctx: RequestContext, minPosition?: number): Promise<{ unread: number }> {
    await this.projections.waitFor(READ_MODEL, minPosition);
    return { unread: await this.messages.count({ ...this.own(ctx), read_on: null }) };
  }

  async list(params: NotificationsQueryDto, ctx: RequestContext): Promise<NotificationPage> {
    await this.projections.waitFor(READ_MODEL, params.minPosition);
    const page = params.page ?? 1;
    const size = params.size ?? 20;
    // read_on holds a date when read: `> ''` selects exactly the read ones (NULL compares false).
    const where: Where =
      params.unread === undefined
        ? this.own(ctx)
        : { ...this.own(ctx), read_on: params.unread ? null : { gt: '' } };
    const [total, unread, found] = await Promise.all([
      this.messages.count(where),
      this.messages.count({ ...this.own(ctx), read_on: null }),
      this.messages.find({
        where,
        orderBy: [{ column: 'queued_at', direction: 'desc' }],
        limit: size,
        offset: (page - 1) * size,
      }),
    ]);
    const tasks = await this.readableTasks(
      found.flatMap(({ doc }) => doc.taskIds),
      ctx,
    );
    const items: NotificationItem[] = found.map(({ id, doc }) => ({
      id,
      subject: doc.subject,
      text: doc.text,
      queuedAt: doc.queuedAt,
      readOn: doc.readOn,
      tasks: doc.taskIds.flatMap((taskId) => tasks.get(taskId) ?? []),
    }));
    return { total, unread, page, size, items };
  }

  /**
   * The titles of the tasks the caller may read today, by the task page's own rule
   * (authorizeTaskAction 'read'). A task since moved out of their reach is left out, not named:
   * its title is as much the task's as its timeline.
   */
  private async readableTasks(
    ids: readonly string[],
    ctx: RequestContext,
  ): Promise<Map<string, NotificationTask>> {
    const unique = [...new Set(ids)];
    const readable = new Map<string, NotificationTask>();
    if (unique.length === 0) return readable;
    const found = await this.projections
      .collection<TaskTimeline>('tasks')
      .find({ where: { id: { in: unique } } });
    for (const { id, doc } of found) {
      const lead = doc.leadAgencies[doc.leadAgencies.length - 1]?.agency;
      if (lead === undefined) continue;
      const refusal = authorizeTaskAction(
        ctx.actor,
        'read',
        {
          assigningAgency: doc.assigningAgency,
          leadAgency: lead,
          supportAgencies: doc.supportAgencies,
        },
        this.directory.agencies,
      );
      if (refusal === null) readable.set(id, { id, title: doc.title });
    }
    return readable;
  }

  /** Marks one message read; reading it again appends nothing. */
  async markRead(id: string, ctx: RequestContext): Promise<MarkReadResult> {
    if (!NOTIFICATION_ID.test(id)) throw new BadRequestException(malformedNotificationId(id));
    for (;;) {
      const { streamId, events } = await this.repository.readEntity(reminderMessageStream, id);
      const { state, version } = fold(reminderMessageStream, events);
      const decision = decideMarkRead(state, ctx.actor.userId, vietnamDateOf(this.clock.now()));
      if (isDomainError(decision)) throw new DomainException(decision);
      const messageId = state.status === 'none' ? id : state.messageId;
      if (decision.length === 0) {
        const readOn = state.status === 'none' ? null : state.readOn;
        return {
          id: messageId,
          readOn,
          marked: false,
          position: events[events.length - 1].position,
        };
      }
      try {
        const result = await this.store.append(streamId, toNewEvents(decision, metadataOf(ctx)), {
          expectedVersion: version,
        });
        await this.projections.waitFor(READ_MODEL, result.lastPosition);
        return {
          id: messageId,
          readOn: decision[0].occurredOn,
          marked: true,
          position: result.lastPosition,
        };
      } catch (error) {
        // Delivered or read meanwhile by another tab: decide again on what is there now.
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }

  /**
   * Marks every unread in-app message of the caller, a batch of MARK_ALL_BATCH per transaction.
   * The read model picks them; the log decides each again (a message read meanwhile is skipped).
   */
  async markAllRead(ctx: RequestContext): Promise<MarkAllReadResult> {
    let marked = 0;
    let position = 0;
    let batch: StreamWrite[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      try {
        const results = await this.store.appendMany(batch);
        marked += batch.length;
        position = Math.max(position, ...results.map((r) => r.lastPosition));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // One of them moved meanwhile: mark this batch one by one (each decides again).
        for (const write of batch) {
          const one = await this.markRead(idOfStream(write.streamId), ctx);
          if (one.marked) marked += 1;
          position = Math.max(position, one.position);
        }
      }
      batch = [];
    };
    const on = vietnamDateOf(this.clock.now());
    const unread = this.messages.stream({
      where: { ...this.own(ctx), read_on: null },
      pageSize: MARK_ALL_BATCH,
    });
    for await (const { id } of unread) {
      const { streamId, events } = await this.repository.readEntity(reminderMessageStream, id);
      const { state, version } = fold(reminderMessageStream, events);
      const decision = decideMarkRead(state, ctx.actor.userId, on);
      if (isDomainError(decision) || decision.length === 0) continue;
      batch.push({
        streamId,
        events: toNewEvents(decision, metadataOf(ctx)),
        expectedVersion: version,
      });
      if (batch.length >= MARK_ALL_BATCH) await flush();
    }
    await flush();
    if (position > 0) await this.projections.waitFor(READ_MODEL, position);
    return { marked, position: position || (await this.store.headPosition()) };
  }
}

const idOfStream = (streamId: string) => STREAMS.reminderMessage.idOf(streamId) ?? streamId;
