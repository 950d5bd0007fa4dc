import { useState } from 'react';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n';
import type { TaskAction } from './task-actions';
import { TaskActionForm } from './TaskActionForm';

/**
 * The buttons of the actions open to the user on a task; one form opens at a time. `onDone`
 * hears which sentence confirms the action (the screen shows it, as it reloads).
 */
export function TaskActions({
  taskId,
  actions,
  requestId,
  onDone,
}: {
  taskId: string;
  actions: TaskAction[];
  requestId?: string;
  onDone: (done: MessageKey) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<TaskAction | null>(null);
  if (open) {
    return (
      <TaskActionForm
        taskId={taskId}
        action={open}
        requestId={requestId}
        onCancel={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          onDone(open.done);
        }}
      />
    );
  }
  return (
    <div className="actions">
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          data-testid={`action-${action.id}`}
          onClick={(event) => {
            event.stopPropagation();
            setOpen(action);
          }}
        >
          {t(action.label)}
        </button>
      ))}
    </div>
  );
}

/** The sentence that confirms an action, until the next one. */
export function ActionDone({ done }: { done: MessageKey | null }) {
  const { t } = useI18n();
  if (!done) return null;
  return (
    <p className="action-done" role="status" data-testid="action-success">
      ✓ {t(done)}
    </p>
  );
}
