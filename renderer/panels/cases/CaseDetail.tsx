import { App, Button, Descriptions, Empty, Image, Input, Radio, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkstationApi } from '../../../common/contract/index.js';
import {
  TRANSITIONS,
  actionsFrom,
  type CaseAction,
  type CaseState,
  type CheckResult,
} from '../../../layers/case-workflow.js';
import { useErrorText } from '../../app/use-notify-error.js';
import { statusColour } from './CaseTable.js';
import type { CasesModel } from './use-cases.js';

const when = (v: string | null): string => (v ? v.slice(0, 16).replace('T', ' ') : '—');

function Photos({ api, ids }: { api: WorkstationApi; ids: readonly number[] }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all(ids.map((id) => api.invoke('cases.photo', { id }))).then(
      (photos) => live && setUrls(photos.map((p) => `data:${p.contentType};base64,${p.base64}`)),
      () => live && setUrls([]),
    );
    return () => {
      live = false;
    };
  }, [api, ids]);
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="case-photos">
        {urls.map((u, i) => (
          <Image key={i} src={u} width={96} height={72} style={{ objectFit: 'cover' }} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** One case: its facts, photos, history as a timeline, the workflow steps open to it, notes. */
export function CaseDetail({ api, model }: { api: WorkstationApi; model: CasesModel }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [by, setBy] = useState('值班长1');
  const [action, setAction] = useState<CaseAction | null>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [result, setResult] = useState<CheckResult>('pass');
  const [busy, setBusy] = useState(false);
  const d = model.detail;
  useEffect(() => setAction(null), [d?.case.caseId]);
  if (!d) return <Empty description={t('cases.pickOne')} />;
  const c = d.case;
  const actions = actionsFrom(c.status as CaseState);
  const needs = action ? TRANSITIONS[action].needs : [];
  const run = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await fn();
      setNote('');
      setAction(null);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="case-detail">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('cases.col.caseId')}>
          <span data-testid="case-detail-id">{c.caseId}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.col.status')}>
          <Tag color={statusColour(c.status)} data-testid="case-detail-status">
            {t(`enums.status.${c.status}`, { defaultValue: c.status })}
          </Tag>
          {c.overdue && <Tag color="red">{t('cases.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.col.category')}>
          {c.kind} {c.majorName} / {c.categoryCode} {c.categoryName}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.col.street')}>
          {c.street} {c.community}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.col.address')} span={2}>
          {c.address}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.description')} span={2}>
          {c.description}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.col.reported')}>{when(c.reportedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.col.deadline')}>{when(c.deadlineAt)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.dept')}>{c.dept}</Descriptions.Item>
        <Descriptions.Item label={t('cases.assignee')}>{c.assignee ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.height')}>
          {c.heightM === null ? '—' : `${String(c.heightM)} m`}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.version')}>{c.version}</Descriptions.Item>
      </Descriptions>
      {d.photos.length > 0 && <Photos api={api} ids={d.photos.map((p) => p.id)} />}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('cases.workflow')}
      </Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Input
            prefix={`${t('cases.by')}:`}
            value={by}
            onChange={(e) => setBy(e.target.value)}
            style={{ width: 220 }}
            data-testid="case-by"
          />
          {actions.map((a) => (
            <Button
              key={a}
              type={action === a ? 'primary' : 'default'}
              data-testid={`case-action-${a}`}
              onClick={() => setAction(a)}
            >
              {t(`enums.caseAction.${a}`, { defaultValue: a })}
            </Button>
          ))}
          {actions.length === 0 && <Typography.Text type="secondary">{t('cases.final')}</Typography.Text>}
        </Space>
        {action && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="case-action-form">
            {action === '派遣' && (
              <Input
                prefix={`${t('cases.assignee')}:`}
                data-testid="case-assignee"
                placeholder={c.dept}
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
              />
            )}
            {needs.includes('result') && (
              <Radio.Group value={result} onChange={(e) => setResult(e.target.value as CheckResult)}>
                <Radio value="pass">{t('cases.checkPass')}</Radio>
                <Radio value="fail">{t('cases.checkFail')}</Radio>
              </Radio.Group>
            )}
            <Input.TextArea
              rows={2}
              data-testid="case-note"
              placeholder={needs.includes('note') ? t('cases.noteRequired') : t('cases.noteOptional')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button
              type="primary"
              loading={busy}
              data-testid="case-action-submit"
              onClick={() =>
                void run(() =>
                  model.advance({
                    to: action,
                    by,
                    ...(note.trim() ? { note: note.trim() } : {}),
                    ...(action === '派遣' && assignee.trim() ? { assignee: assignee.trim() } : {}),
                    ...(needs.includes('result') ? { result } : {}),
                  }),
                )
              }
            >
              {t('cases.confirm', { action: t(`enums.caseAction.${action}`, { defaultValue: action }) })}
            </Button>
          </Space>
        )}
        {!action && (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder={t('cases.addNote')}
              value={note}
              data-testid="case-add-note"
              onChange={(e) => setNote(e.target.value)}
            />
            <Button disabled={!note.trim()} loading={busy} onClick={() => void run(() => model.note(by, note.trim()))}>
              {t('cases.saveNote')}
            </Button>
            <Upload
              accept="image/jpeg,image/png"
              showUploadList={false}
              beforeUpload={(file) => {
                void run(() => model.addPhoto(by, file));
                return false;
              }}
            >
              <Button data-testid="case-add-photo">{t('cases.addPhoto')}</Button>
            </Upload>
          </Space.Compact>
        )}
      </Space>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('cases.history')}
      </Typography.Title>
      <Timeline
        data-testid="case-history"
        items={d.history.map((h) => ({
          color: h.to ? statusColour(h.to) : 'gray',
          children: (
            <div data-testid="case-history-entry">
              <b>{h.action}</b>{' '}
              {h.from && h.to && h.from !== h.to
                ? `${t(`enums.status.${h.from}`, { defaultValue: h.from })} → ${t(`enums.status.${h.to}`, { defaultValue: h.to })}`
                : ''}{' '}
              · {h.actor} · {when(h.at)}
              {h.note && <div style={{ color: '#555', whiteSpace: 'pre-line' }}>{h.note}</div>}
            </div>
          ),
        }))}
      />
    </div>
  );
}
