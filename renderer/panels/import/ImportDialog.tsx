import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Progress, Result, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { useErrorText } from '../../app/use-notify-error.js';
import type { MapController } from '../../map/controller.js';
import { ImportPreviewView } from './ImportPreviewView.js';
import { isValidLayerName } from './layer-name.js';
import { ACCEPT } from './source-files.js';
import { useImportFlow } from './use-import-flow.js';

interface ImportDialogProps {
  /** Files dropped or picked together (a shapefile's parts), or none. */
  initialFiles: readonly File[];
  jobs: JobsModel;
  controller: MapController | null;
  onImported: (layerName: string) => void;
  onClose: () => void;
}

export function ImportDialog({ initialFiles, jobs, controller, onImported, onClose }: ImportDialogProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const flow = useImportFlow({ api, jobs, controller, onImported });
  const fileInput = useRef<HTMLInputElement>(null);
  const [path, setPath] = useState('');
  const started = useRef(false);
  const busy = flow.phase === 'loading' || flow.phase === 'importing';

  useEffect(() => {
    if (initialFiles.length > 0 && !started.current) {
      started.current = true;
      void flow.fromFiles(initialFiles);
    }
  }, [initialFiles, flow]);

  const stage = flow.job?.stage;
  const stageText = stage && i18n.exists(stage) ? t(stage) : '';
  const canImport =
    flow.phase === 'preview' && flow.layer !== null && flow.layer.crsKnown && isValidLayerName(flow.name);

  const footer = [
    flow.phase === 'importing' ? (
      <Button key="cancel" data-testid="import-cancel" onClick={() => void flow.cancel()}>
        {t('import.cancelJob')}
      </Button>
    ) : (
      <Button key="close" data-testid="import-close" onClick={onClose}>
        {t(flow.phase === 'done' ? 'common.close' : 'common.cancel')}
      </Button>
    ),
    flow.phase !== 'done' && (
      <Button
        key="import"
        type="primary"
        data-testid="import-confirm"
        disabled={!canImport}
        loading={flow.phase === 'importing'}
        onClick={() => void flow.start()}
      >
        {t('import.start')}
      </Button>
    ),
  ];

  return (
    <Modal
      open
      title={t('import.title')}
      width={900}
      // Modeless, near the top: the file's extent is drawn on the globe below the dialog,
      // and the globe, layer tree and jobs stay usable while it is open.
      mask={false}
      classNames={{ wrapper: 'cim-modeless' }}
      style={{ top: 40 }}
      closable={!busy}
      keyboard={!busy}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
    >
      <div className="cim-import" data-testid="import-dialog">
        <Space.Compact className="cim-import-source">
          <Button icon={<FolderOpenOutlined />} disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('import.chooseFile')}
          </Button>
          <Input
            data-testid="import-path"
            placeholder={t('import.pathPlaceholder')}
            disabled={busy}
            value={path}
            onChange={(event) => setPath(event.target.value)}
            onPressEnter={() => path.trim() && void flow.fromPath(path.trim())}
          />
          <Button
            data-testid="import-path-preview"
            disabled={busy || path.trim() === ''}
            onClick={() => void flow.fromPath(path.trim())}
          >
            {t('import.preview')}
          </Button>
        </Space.Compact>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          data-testid="import-file-input"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) void flow.fromFiles(files);
          }}
        />
        {flow.error !== null && (
          <Alert type="error" showIcon data-testid="import-error" title={errorText(flow.error)} />
        )}
        {flow.cancelled && (
          <Alert type="warning" showIcon data-testid="import-cancelled" title={t('import.cancelled')} />
        )}
        {flow.phase === 'choose' && <p className="cim-muted">{t('import.chooseHint')}</p>}
        {flow.phase === 'loading' && <Spin className="cim-import-spin" description={t('import.reading')} />}
        {flow.preview && flow.layer && (flow.phase === 'preview' || flow.phase === 'importing') && (
          <ImportPreviewView
            preview={flow.preview}
            layer={flow.layer}
            name={flow.name}
            choices={flow.choices}
            disabled={busy}
            onSelectLayer={flow.selectLayer}
            onName={flow.setName}
            onChoose={(patch) => void flow.choose(patch)}
            defaultPlace={() => {
              const camera = controller?.getCamera();
              return camera ? { lon: camera.lon, lat: camera.lat } : null;
            }}
          />
        )}
        {flow.phase === 'importing' && (
          <div className="cim-import-progress">
            <Progress data-testid="job-progress" percent={Math.round((flow.job?.progress ?? 0) * 100)} />
            <span className="cim-muted">{stageText}</span>
          </div>
        )}
        {flow.phase === 'done' && flow.result && (
          <Result
            status={flow.result.skipped.length > 0 ? 'warning' : 'success'}
            data-testid="import-done"
            title={
              flow.result.kind
                ? t('import.doneTiled', { layer: flow.result.resultLayer, kind: t(`import.kinds.${flow.result.kind}`) })
                : t('import.done', { count: flow.result.count, layer: flow.result.resultLayer })
            }
            subTitle={
              flow.result.skipped.length > 0 ? t('import.skipped', { count: flow.result.skipped.length }) : null
            }
          >
            {(flow.result.warnings ?? []).map((w) => (
              <Alert key={w} type="info" showIcon data-testid={`done-warning-${w}`} title={t(`import.warnings.${w}`)} />
            ))}
            {flow.result.skipped.length > 0 &&
              flow.result.skipped.slice(0, 20).map((s) => (
                <div key={s.record} className="cim-muted">
                  {t('import.skippedRecord', { record: s.record, reason: t(`errors:skipped.${s.reason}`) })}
                </div>
              ))}
          </Result>
        )}
      </div>
    </Modal>
  );
}
