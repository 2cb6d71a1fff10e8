import { CloseCircleOutlined } from '@ant-design/icons';
import { Button, Popover, Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_CHANGED, type JobInfo, type JobState } from '../../../common/contract/index.js';
import type { JobsModel } from '../../app/use-jobs.js';

const STATE_COLOURS: Record<JobState, string> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
};

function JobLine({ job, onCancel }: { job: JobInfo; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="cim-job-line" data-testid={`job-${job.id}`}>
      <Tag color={STATE_COLOURS[job.state]}>{t(`jobs.state.${job.state}`)}</Tag>
      <span className="cim-job-title">{job.title}</span>
      {job.state === 'running' && (
        <>
          <Progress percent={Math.round(job.progress * 100)} size="small" style={{ width: 90 }} />
          <Button
            size="small"
            type="text"
            icon={<CloseCircleOutlined />}
            onClick={onCancel}
            aria-label={t('common.cancel')}
          />
        </>
      )}
    </div>
  );
}

/** The status bar's job corner: the running job's progress, and the recent jobs on click. */
export function JobsIndicator({ model }: { model: JobsModel }) {
  const { t } = useTranslation();
  // workspace changes ride the job channel but are no jobs: the workspace notice shows them
  const jobs = [...model.jobs.values()]
    .filter((job) => job.kind !== WORKSPACE_CHANGED)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const running = jobs.filter((job) => job.state === 'running');
  const first = running[0];
  const list = (
    <div className="cim-job-list" data-testid="job-list">
      {jobs.length === 0 ? t('jobs.none') : null}
      {jobs.slice(0, 10).map((job) => (
        <JobLine key={job.id} job={job} onCancel={() => void model.cancel(job.id)} />
      ))}
    </div>
  );
  return (
    <Popover content={list} title={t('jobs.title')} trigger="click" placement="topRight">
      <span className="cim-jobs" data-testid="job-indicator">
        {first ? (
          <>
            <span className="cim-job-title">{first.title}</span>
            <Progress percent={Math.round(first.progress * 100)} size="small" style={{ width: 100 }} />
            {running.length > 1 && <Tag>{t('jobs.more', { count: running.length - 1 })}</Tag>}
          </>
        ) : (
          <span className="cim-muted">{t('jobs.idle')}</span>
        )}
      </span>
    </Popover>
  );
}
