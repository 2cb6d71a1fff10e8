/**
 * Building colours by use (建筑用途), for footprints and 3D models. Environment: common.
 *
 * Buildings stand on parcels coloured by 用地用海分类 (layers/landuse.ts), whose colours are
 * saturated: yellow 住宅, red 商业, magenta 公共服务. A building in its parcel's colour vanishes
 * into it, so buildings get their own palette: muted, mid-dark tones (HSL lightness 0.35-0.6,
 * saturation at most 0.35) that keep the use readable and stand off every land-use fill and
 * the orthophoto. `tests/unit/layers/buildings.test.ts` checks the contrast against the
 * land-use class each use usually stands on.
 */
export const BUILDING_USE_COLOURS: Readonly<Record<string, string>> = {
  住宅: '#a89878',
  农村住宅: '#8f7658',
  商业: '#8a5466',
  办公: '#56708a',
  工业: '#5e6266',
  仓储: '#4e4866',
  教育: '#96687f',
  医疗: '#3f7476',
  公共服务: '#5f8470',
  文化: '#9a6a3a',
  市政: '#8a8f94',
};

/** The land-use class (用地用海分类) a building of each use usually stands on. */
export const USUAL_PARCEL_CLASS: Readonly<Record<string, string>> = {
  住宅: '0701',
  农村住宅: '0703',
  商业: '0901',
  办公: '0902',
  工业: '1001',
  仓储: '1101',
  教育: '0804',
  医疗: '0806',
  公共服务: '0801',
  文化: '0803',
  市政: '1301',
};
