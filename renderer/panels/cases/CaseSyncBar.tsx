import { Button, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSyncState, CaseSyncSummary, PgProfile, WorkstationApi } from '../../../common/contract/index.js';
import { ConnectionDialog } from '../pg/ConnectionDialog.js';
import { connection, loadProfile } from '../pg/pg-profile.js';

interface CaseSyncBarProps {
  api: WorkstationApi;
  /** Bumped when the desk's data changed (a step, a merge): the counts are read again. */
  revision: number;
  onSynced: () => void;
  onError: (err: unknown) => void;
}

/**
 * The desk's line about the bureau's server: which one, the last sync, the cases changed here
 * since, the conflicts waiting for a person; the connection dialog and "sync now"
 * (`cases.sync`: push and pull in one server transaction, conflicts kept pending).
 */
export function CaseSyncBar({ api, revision, onSynced, onError }: CaseSyncBarProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<CaseSyncState | null>(null);
  const [profile, setProfile] = useState<PgProfile | null>(() => loadProfile());
  const [dialog, setDialog] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [last, setLast] = useState<CaseSyncSummary | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api.invoke('cases.syncState', {}).then(setState, onError);
  }, [api, revision, tick, onError]);

  const sync = useCallback(() => {
    if (!profile) {
      setDialog(true);
      return;
    }
    setSyncing(true);
    api
      .invoke('cases.sync', connection(profile))
      .then((s) => {
        setLast(s);
        onSynced();
      }, onError)
      .finally(() => {
        setSyncing(false);
        setTick((n) => n + 1);
      });
  }, [api, profile, onSynced, onError]);

  const server = profile ? `${profile.user}@${profile.host}:${String(profile.port)}/${profile.database}` : null;
  return (
    <div data-testid="cases-sync" style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
      <Space size={4} wrap style={{ flex: 1 }}>
        <Typography.Text type="secondary">{t('cases.sync.server')}</Typography.Text>
        <Typography.Text data-testid="cases-sync-server">{server ?? t('cases.sync.none')}</Typography.Text>
        <Typography.Text type="secondary">· {t('cases.sync.last')}</Typography.Text>
        <Typography.Text data-testid="cases-sync-last">
          {state?.lastSyncAt ? state.lastSyncAt.replace('T', ' ').slice(0, 19) : t('cases.sync.never')}
        </Typography.Text>
        {state && (
          <Tag color={state.unsynced > 0 ? 'orange' : 'green'} data-testid="cases-sync-unsynced">
            {t('cases.sync.unsynced', { count: state.unsynced })}
          </Tag>
        )}
        {state && state.pendingConflicts > 0 && (
          <Tag color="red" data-testid="cases-sync-conflicts">
            {t('cases.sync.conflicts', { count: state.pendingConflicts })}
          </Tag>
        )}
        {last && (
          <Typography.Text type="secondary" data-testid="cases-sync-result">
            {t('cases.sync.result', {
              pushed: last.pushed,
              pulled: last.pulled + last.added,
              conflicts: last.conflicts.length,
            })}
          </Typography.Text>
        )}
      </Space>
      <Button size="small" data-testid="cases-sync-connect" onClick={() => setDialog(true)}>
        {t('cases.sync.connect')}
      </Button>
      <Button size="small" type="primary" data-testid="cases-sync-now" loading={syncing} onClick={sync}>
        {t('cases.sync.now')}
      </Button>
      {dialog && <ConnectionDialog onSaved={setProfile} onClose={() => setDialog(false)} />}
    </div>
  );
}
