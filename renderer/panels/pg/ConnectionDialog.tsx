import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PgProfile, PgTestResult, PgTlsMode } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import { asSerializedError } from '../../host/api-error.js';
import { connection, loadProfile, saveProfile } from './pg-profile.js';

const ROW = { display: 'flex', gap: 12 } as const;
const TLS: readonly PgTlsMode[] = ['disable', 'require', 'verify-full'];
/** Faults the dialog names in its heading (the message says the rest). */
const FAULTS = ['pg.unreachable', 'pg.login_failed', 'pg.no_password', 'pg.no_postgis', 'pg.database_not_found'];

const EMPTY: PgProfile = {
  name: 'bureau',
  host: '127.0.0.1',
  port: 5432,
  database: '',
  user: 'postgres',
  schema: 'public',
  tls: 'disable',
};

interface ConnectionDialogProps {
  onSaved: (profile: PgProfile) => void;
  onClose: () => void;
}

type Outcome = { ok: true; result: PgTestResult } | { ok: false; code: string; message: string };

/**
 * The bureau's PostGIS server: host, port, database, user, schema and TLS, a password for
 * this session only (never written to the workspace; left empty, the host uses PGPASSWORD
 * or ~/.pgpass), and a test that says which fault it is (unreachable, login, no PostGIS).
 */
export function ConnectionDialog({ onSaved, onClose }: ConnectionDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [profile, setProfile] = useState<PgProfile>(() => loadProfile() ?? EMPTY);
  const [password, setPassword] = useState('');
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const set = (patch: Partial<PgProfile>) => {
    setProfile((p) => ({ ...p, ...patch }));
    setOutcome(null);
  };
  const complete = profile.host.trim() !== '' && profile.database.trim() !== '' && profile.user.trim() !== '';

  const test = (): void => {
    setTesting(true);
    api
      .invoke('pg.test', password ? { profile, password } : connection(profile))
      .then(
        (result) => setOutcome({ ok: true, result }),
        (err: unknown) => setOutcome({ ok: false, code: asSerializedError(err).code, message: errorText(err) }),
      )
      .finally(() => setTesting(false));
  };
  const save = (): void => {
    saveProfile(profile, password || undefined);
    onSaved(profile);
    onClose();
  };

  return (
    <Modal
      open
      title={t('pg.dialog.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button data-testid="pg-test" onClick={test} loading={testing} disabled={!complete}>
            {t('pg.dialog.test')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button data-testid="pg-save" type="primary" onClick={save} disabled={!complete}>
            {t('pg.dialog.save')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical" size="small" data-testid="pg-dialog">
        <div style={ROW}>
          <Form.Item label={t('pg.dialog.host')} style={{ flex: 3 }}>
            <Input data-testid="pg-host" value={profile.host} onChange={(e) => set({ host: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('pg.dialog.port')} style={{ flex: 1 }}>
            <InputNumber
              data-testid="pg-port"
              min={1}
              max={65535}
              value={profile.port}
              onChange={(v) => set({ port: v ?? 5432 })}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </div>
        <div style={ROW}>
          <Form.Item label={t('pg.dialog.database')} style={{ flex: 1 }}>
            <Input
              data-testid="pg-database"
              value={profile.database}
              onChange={(e) => set({ database: e.target.value, name: e.target.value || 'bureau' })}
            />
          </Form.Item>
          <Form.Item label={t('pg.dialog.schema')} style={{ flex: 1 }}>
            <Input data-testid="pg-schema" value={profile.schema} onChange={(e) => set({ schema: e.target.value })} />
          </Form.Item>
        </div>
        <div style={ROW}>
          <Form.Item label={t('pg.dialog.user')} style={{ flex: 1 }}>
            <Input data-testid="pg-user" value={profile.user} onChange={(e) => set({ user: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('pg.dialog.password')} style={{ flex: 1 }}>
            <Input.Password
              data-testid="pg-password"
              value={password}
              autoComplete="off"
              placeholder={t('pg.dialog.passwordPlaceholder')}
              onChange={(e) => {
                setPassword(e.target.value);
                setOutcome(null);
              }}
            />
          </Form.Item>
        </div>
        <Form.Item label={t('pg.dialog.tls')} help={t('pg.dialog.passwordHelp')}>
          <Select
            data-testid="pg-tls"
            value={profile.tls}
            onChange={(tls) => set({ tls })}
            options={TLS.map((m) => ({ value: m, label: t(`pg.dialog.tlsModes.${m}`) }))}
          />
        </Form.Item>
      </Form>
      {outcome?.ok === true && (
        <Alert
          data-testid="pg-test-result"
          type="success"
          showIcon
          title={t('pg.dialog.ok')}
          description={t('pg.dialog.versions', { server: outcome.result.server, postgis: outcome.result.postgis })}
        />
      )}
      {outcome?.ok === false && (
        <Alert
          data-testid="pg-test-result"
          type="error"
          showIcon
          title={t(FAULTS.includes(outcome.code) ? `pg.fault.${outcome.code.slice(3)}` : 'pg.fault.other')}
          description={outcome.message}
        />
      )}
    </Modal>
  );
}
