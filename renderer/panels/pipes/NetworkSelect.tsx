import { Form, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NetworkLayers } from './use-pipes.js';

/** The two layers a pipes analysis reads: segments (lines) and points. */
export function NetworkSelect({ network }: { network: NetworkLayers }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Form.Item label={t('pipes.segments')}>
        <Select
          data-testid="pipes-segments"
          style={{ minWidth: 160 }}
          value={network.segments}
          onChange={network.setSegments}
          options={network.lines.map((l) => ({ value: l.name, label: l.title }))}
        />
      </Form.Item>
      <Form.Item label={t('pipes.nodes')}>
        <Select
          data-testid="pipes-nodes"
          style={{ minWidth: 160 }}
          value={network.nodes}
          onChange={network.setNodes}
          options={network.points.map((l) => ({ value: l.name, label: l.title }))}
        />
      </Form.Item>
    </Space>
  );
}
