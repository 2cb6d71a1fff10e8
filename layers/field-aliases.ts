/**
 * Aliases of field names: the standard codes of Chinese planning data (拼音 initials used by
 * 国土空间规划 databases and the demo city) and our analyses' own fields, in Chinese and
 * English. A workspace stores its aliases in `gpkg_data_columns` (migration 006), seeded from
 * this table; a field it does not name falls back to this table, then to its own name.
 * Environment: common.
 */
export interface FieldAlias {
  zh: string;
  en: string;
}

export const STANDARD_FIELD_ALIASES: Readonly<Record<string, FieldAlias>> = {
  dkbm: { zh: '地块编码', en: 'Parcel code' },
  dkmc: { zh: '地块名称', en: 'Parcel name' },
  yddm: { zh: '用地代码', en: 'Land-use code' },
  ydmc: { zh: '用地名称', en: 'Land-use name' },
  dlbm: { zh: '地类编码', en: 'Land class code' },
  dlmc: { zh: '地类名称', en: 'Land class name' },
  jqbm: { zh: '街区编码', en: 'Block code' },
  kzxlx: { zh: '控制线类型', en: 'Control line type' },
  rjl_max: { zh: '容积率上限', en: 'Max floor area ratio' },
  jzmd_max: { zh: '建筑密度上限', en: 'Max building density' },
  ldl_min: { zh: '绿地率下限', en: 'Min green ratio' },
  xg_max: { zh: '建筑限高', en: 'Height limit' },
  tj_min: { zh: '最小退界', en: 'Min setback' },
  ldlx: { zh: '绿地类型', en: 'Green space type' },
  xkzh: { zh: '许可证号', en: 'Permit number' },
  xmmc: { zh: '项目名称', en: 'Project name' },
  jsdw: { zh: '建设单位', en: 'Developer' },
  issued: { zh: '发证日期', en: 'Issued' },
  name: { zh: '名称', en: 'Name' },
  area_m2: { zh: '面积', en: 'Area' },
  length_m: { zh: '长度', en: 'Length' },
  height_m: { zh: '高度', en: 'Height' },
  base_height_m: { zh: '基底高程', en: 'Base height' },
  floors: { zh: '层数', en: 'Floors' },
  use: { zh: '用途', en: 'Use' },
  build_year: { zh: '建成年份', en: 'Year built' },
  bldg_id: { zh: '建筑编号', en: 'Building ID' },
  footprint_m2: { zh: '基底面积', en: 'Footprint area' },
  gfa_m2: { zh: '建筑面积', en: 'Gross floor area' },
  rule_id: { zh: '规则编号', en: 'Rule' },
  rule_kind: { zh: '规则类型', en: 'Rule type' },
  severity: { zh: '严重程度', en: 'Severity' },
  reason: { zh: '冲突原因', en: 'Reason (Chinese)' },
  reason_en: { zh: '冲突原因（英文）', en: 'Reason' },
  layer_a: { zh: '图层甲', en: 'Layer A' },
  layer_b: { zh: '图层乙', en: 'Layer B' },
  fid_a: { zh: '要素甲', en: 'Feature A' },
  fid_b: { zh: '要素乙', en: 'Feature B' },
  class_a: { zh: '分类甲', en: 'Class A' },
  class_b: { zh: '分类乙', en: 'Class B' },
  name_a: { zh: '分类名称甲', en: 'Class name A' },
  name_b: { zh: '分类名称乙', en: 'Class name B' },
  district: { zh: '所在区域', en: 'District' },
  system: { zh: '管线类别', en: 'Pipe system' },
  diameter_mm: { zh: '管径', en: 'Diameter' },
  depth_m: { zh: '埋深', en: 'Depth' },
  material: { zh: '材质', en: 'Material' },
  laid_year: { zh: '敷设年份', en: 'Year laid' },
  road: { zh: '所在道路', en: 'Road' },
  grade: { zh: '道路等级', en: 'Road grade' },
  status: { zh: '状态', en: 'Status' },
  category: { zh: '类别', en: 'Category' },
};

/** The alias of a field in a language: the workspace's own, else the standard one, else its name. */
export function fieldLabel(field: string, language: string, stored?: string | null): string {
  const standard = STANDARD_FIELD_ALIASES[field];
  if (language.startsWith('zh')) return stored ?? standard?.zh ?? field;
  return standard?.en ?? stored ?? field;
}
