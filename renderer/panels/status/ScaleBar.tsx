import { useTranslation } from 'react-i18next';
import { compactLength } from '../../format/units.js';
import { niceScaleBar } from '../../format/scale-bar.js';

const MAX_WIDTH_PX = 100;

export function ScaleBar({ metresPerPixel }: { metresPerPixel: number | null }) {
  const { t } = useTranslation();
  const bar = metresPerPixel === null ? null : niceScaleBar(metresPerPixel, MAX_WIDTH_PX);
  if (!bar) return <span className="cim-scale" data-testid="status-scale" />;
  const length = compactLength(bar.lengthM);
  return (
    <span className="cim-scale" data-testid="status-scale" data-length-m={bar.lengthM}>
      <span className="cim-scale-bar" style={{ width: `${String(Math.round(bar.widthPx))}px` }} />
      <span>
        {length.value} {t(`units.${length.unit}`)}
      </span>
    </span>
  );
}
