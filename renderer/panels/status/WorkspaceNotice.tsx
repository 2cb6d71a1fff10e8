import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JobsModel } from '../../app/use-jobs.js';
import { useApi } from '../../app/api-context.js';
import { useWorkspaceStatus } from './use-workspace-status.js';

/** HH:MM:SS of an ISO time, in the user's clock. */
function clock(iso: string): string {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The status bar's word on the workspace file: a warning when it lies on a network drive and
 * is open with a rollback journal, and the time another program's change was loaded.
 */
export function WorkspaceNotice({ jobs }: { jobs: JobsModel }) {
  const { t } = useTranslation();
  const status = useWorkspaceStatus(useApi(), jobs.jobs);
  if (!status) return null;
  return (
    <>
      {status.outsideChangeAt && (
        <span className="cim-muted" data-testid="status-outside-change" title={t('workspaceFile.outsideChangeHint')}>
          {t('workspaceFile.outsideChange', { time: clock(status.outsideChangeAt) })}
        </span>
      )}
      {status.journalMode === 'delete' && (
        <Tooltip
          title={t(status.networkFs ? 'workspaceFile.networkHint' : 'workspaceFile.rollbackHint', {
            fs: status.networkFs ?? '',
          })}
        >
          <Tag color="warning" data-testid="status-journal" style={{ marginInlineEnd: 0 }}>
            {t(status.networkFs ? 'workspaceFile.network' : 'workspaceFile.rollback')}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
