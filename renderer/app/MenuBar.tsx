import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnalysisInfo, MenuCommand, WorkspaceInfo } from '../../common/contract/index.js';
import { resolveMenu, type ResolvedItem } from '../../common/menu.js';
import type { SceneModeName } from '../map/types.js';
import { useLanguage } from './use-language.js';

interface MenuBarProps {
  workspace: WorkspaceInfo | null;
  sceneMode: SceneModeName;
  /** Analyses the back end offers that have a panel here (renderer/panels/registry.ts). */
  analyses: readonly AnalysisInfo[];
  onCommand: (command: MenuCommand) => void;
}

type Items = NonNullable<MenuProps['items']>;

function item(command: MenuCommand, label: string) {
  return { key: command, label: <span data-testid={`menu-item-${command}`}>{label}</span> };
}

/** The application menu, built from the same description (common/menu.ts) as Electron's native menu. */
export function MenuBar({ workspace, sceneMode, analyses, onCommand }: MenuBarProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();

  const label = (entry: Extract<ResolvedItem, { type: 'command' }>): string =>
    entry.command === 'view.toggle2d3d' ? t(sceneMode === '2d' ? 'view.to3d' : 'view.to2d') : t(entry.labelKey);

  const itemsOf = (entries: readonly ResolvedItem[]): Items =>
    entries.flatMap((entry, i): Items => {
      switch (entry.type) {
        case 'command':
          return [item(entry.command, label(entry))];
        case 'separator':
          return [{ type: 'divider', key: `divider-${String(i)}` }];
        case 'languages':
          return [
            {
              type: 'group',
              key: 'language',
              label: t(entry.labelKey),
              children: [
                { ...item('view.language.zh-CN', t('language.zh-CN')), disabled: language === 'zh-CN' },
                { ...item('view.language.en', t('language.en')), disabled: language === 'en' },
              ],
            },
          ];
        case 'native':
          return [];
      }
    });

  const onClick: MenuProps['onClick'] = ({ key }) => onCommand(key as MenuCommand);

  return (
    <header className="cim-menubar">
      <span className="cim-brand">{t('app.name')}</span>
      <nav className="cim-menus">
        {resolveMenu('browser', analyses).map(({ id, labelKey, items }) => (
          <Dropdown key={id} trigger={['click']} menu={{ items: itemsOf(items), onClick }}>
            <Button type="text" size="small" data-testid={`menu-${id}`}>
              {t(labelKey)}
            </Button>
          </Dropdown>
        ))}
      </nav>
      <span className="cim-workspace" data-testid="workspace-title" title={workspace?.path}>
        {workspace ? workspace.title : t('workspace.none')}
      </span>
      <Button
        size="small"
        data-testid="lang-toggle"
        onClick={() => onCommand(language === 'en' ? 'view.language.zh-CN' : 'view.language.en')}
      >
        {t('language.toggle')}
      </Button>
    </header>
  );
}
