import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../layers/field-aliases.js';
import { formatNumber, unitOfField } from '../../../layers/field-format.js';

describe('numbers by unit', () => {
  it('rounds the cases of issue #17', () => {
    expect(formatNumber('base_height_m', 120.90133815686653)).toBe('120.9 m');
    expect(formatNumber('area_m2', 8756.999999967637)).toBe('8,757.0 m²');
  });

  it('reads the unit from the field name', () => {
    expect(unitOfField('gfa_m2')).toBe('m2');
    expect(unitOfField('height_m')).toBe('m');
    expect(unitOfField('diameter_mm')).toBe('mm');
    expect(unitOfField('floors')).toBe('count');
    expect(unitOfField('rjl_max')).toBeNull();
    expect(formatNumber('diameter_mm', 299.6)).toBe('300 mm');
    expect(formatNumber('floors', 18)).toBe('18');
    expect(formatNumber('gfa_m2', 1234567.891)).toBe('1,234,567.9 m²');
  });

  it('drops float noise from unitless numbers', () => {
    expect(formatNumber('rjl_max', 0.30000000000000004)).toBe('0.3');
    expect(formatNumber('rjl_max', 2.5)).toBe('2.5');
    expect(formatNumber('fid_a', 42)).toBe('42');
  });
});

describe('field aliases', () => {
  it('names the standard codes in the UI language; a stored alias wins in Chinese', () => {
    expect(fieldLabel('dkbm', 'zh-CN')).toBe('地块编码');
    expect(fieldLabel('yddm', 'zh-CN')).toBe('用地代码');
    expect(fieldLabel('kzxlx', 'zh-CN')).toBe('控制线类型');
    expect(fieldLabel('dkbm', 'en')).toBe('Parcel code');
    expect(fieldLabel('dkbm', 'zh-CN', '宗地号')).toBe('宗地号');
    expect(fieldLabel('xyz', 'en', '别名')).toBe('别名');
    expect(fieldLabel('xyz', 'zh-CN')).toBe('xyz');
  });
});
