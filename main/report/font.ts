/**
 * The CJK font of PDF reports: the system's Noto Sans CJK SC (Debian fonts-noto-cjk), found
 * with fc-match, else at its usual paths. pdfkit embeds the subset it uses. Without one a
 * Chinese report would print boxes, so it refuses clearly instead. Environment: node.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { CimError } from '../../common/errors.js';

export interface CjkFont {
  file: string;
  /** PostScript name of the face inside a .ttc collection. */
  family: string;
}

const KNOWN: readonly CjkFont[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

export function findCjkFont(): CjkFont {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}|%{postscriptname}', 'Noto Sans CJK SC:lang=zh-cn'], {
      encoding: 'utf8',
      timeout: 5000,
    });
    const [file, family] = out.trim().split('|');
    if (
      file &&
      family &&
      /\.(ttc|otf|ttf)$/i.test(file) &&
      /CJK|Hei|Song|Kai|Ming/i.test(family) &&
      fs.existsSync(file)
    ) {
      return { file, family };
    }
  } catch {
    // No fontconfig: fall through to the usual paths.
  }
  const known = KNOWN.find((f) => fs.existsSync(f.file));
  if (!known) throw new CimError('report.no_cjk_font', { package: 'fonts-noto-cjk' });
  return known;
}
