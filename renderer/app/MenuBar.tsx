import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MenuCommand, WorkspaceInfo } from '../../common/contract/index.js';
import type { SceneModeName } from '../map/types.js';
import { useLanguage } from './use-language.js';

interface MenuBarProps {
  workspace: WorkspaceInfo | null;
  sceneMode: SceneModeName;
  onCommand: (command: MenuCommand) => void;
}

type Items = NonNullable<MenuProps['items']>;

function item(command: MenuCommand, label: string) {
  return { key: command, label: <span data-testid={`menu-item-${command}`}>{label}</span> };
}

/** The application menu, with the same commands Electron's native menu sends. */
export function MenuBar({ workspace, sceneMode, onCommand }: MenuBarProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();

  const menus: { id: string; items: Items }[] = [
    {
      id: 'file',
      items: [
        item('workspace.new', t('menu.workspaceNew')),
        item('workspace.open', t('menu.workspaceOpen')),
        item('demo.open', t('menu.demo')),
        { type: 'divider' },
        item('import', t('menu.import')),
        item('export', t('menu.export')),
      ],
    },
    {
      id: 'view',
      items: [
        item('view.toggle2d3d', t(sceneMode === '2d' ? 'view.to3d' : 'view.to2d')),
        item('view.home', t('view.home')),
        { type: 'divider' },
        {
          type: 'group',
          key: 'language',
          label: t('menu.language'),
          children: [
            { ...item('view.language.zh-CN', t('language.zh-CN')), disabled: language === 'zh-CN' },
            { ...item('view.language.en', t('language.en')), disabled: language === 'en' },
          ],
        },
      ],
    },
    { id: 'analysis', items: [item('analysis.multiplan', t('menu.multiplan'))] },
    { id: 'help', items: [item('help.welcome', t('menu.welcome')), item('help.about', t('menu.about'))] },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => onCommand(key as MenuCommand);

  return (
    <header className="cim-menubar">
      <span className="cim-brand">{t('app.name')}</span>
      <nav className="cim-menus">
        {menus.map(({ id, items }) => (
          <Dropdown key={id} trigger={['click']} menu={{ items, onClick }}>
            <Button type="text" size="small" data-testid={`menu-${id}`}>
              {t(`menu.${id}`)}
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
