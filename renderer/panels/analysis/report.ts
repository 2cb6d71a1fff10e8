/**
 * A run's PDF report from a panel: the globe's current view goes first (analysis.reportView),
 * so the report's map shows what the user sees; then the PDF downloads. Without a globe, or
 * when the view cannot be taken, the report draws its map from the data, as the CLI does.
 */
import type { ReportLang, WorkstationApi } from '../../../common/contract/index.js';
import type { MapController } from '../../map/controller.js';

const JPEG_QUALITY = 0.85;

export async function downloadReport(
  api: WorkstationApi,
  controller: MapController | null,
  layer: string,
  lang: ReportLang,
  onViewError: (err: unknown) => void,
): Promise<void> {
  if (controller) {
    try {
      const { frame } = await controller.presentation().capture(1);
      const jpeg = frame.toDataURL('image/jpeg', JPEG_QUALITY).split(',')[1] ?? '';
      await api.invoke('analysis.reportView', { layer, jpeg });
    } catch (err) {
      onViewError(err);
    }
  }
  api.download(layer, 'pdf', { lang });
}
