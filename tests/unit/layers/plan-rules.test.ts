import { describe, expect, it } from 'vitest';
import { landUseClass, landUseColour, isConstructionLand } from '../../../layers/landuse.js';
import { classMatches, DEFAULT_RULES, firstLevelClass } from '../../../layers/plan-rules.js';

describe('land-use classes', () => {
  it('finds second- and third-level codes and their 附录 B colours', () => {
    expect(landUseClass('0701')).toMatchObject({ nameZh: '城镇住宅用地', colour: '#ffff2d', group: 'construction' });
    expect(landUseClass('070102')?.code).toBe('0701');
    // issue #17: a second-level class no longer shares its sibling's colour (tests/unit/layers/landuse.test.ts)
    expect(landUseClass('0702')?.colour).not.toBe('#ffff2d');
    expect(landUseColour('01')).toBe('#f5f8dc');
    expect(landUseColour('9999')).toBe('#9aa0a6');
    expect(isConstructionLand('1207')).toBe(true);
    expect(isConstructionLand('0301')).toBe(false);
  });
});

describe('conflict rule patterns', () => {
  it('matches groups, prefixes, exact values and exclusions', () => {
    expect(classMatches('group:construction', '0901')).toBe(true);
    expect(classMatches('group:construction', '0103')).toBe(false);
    expect(classMatches('07*|08*|-0703*', '0701')).toBe(true);
    expect(classMatches('07*|08*|-0703*', '070301')).toBe(false);
    expect(classMatches('生态保护红线', '生态保护红线')).toBe(true);
    expect(classMatches('生态保护红线', '永久基本农田')).toBe(false);
    expect(classMatches('*', 'anything')).toBe(true);
    expect(classMatches('*', '')).toBe(false);
    expect(classMatches('group:nonsense', '0701')).toBe(false);
  });

  it('has unique rule ids and first-level classes for land-use codes only', () => {
    expect(new Set(DEFAULT_RULES.map((r) => r.id)).size).toBe(DEFAULT_RULES.length);
    expect(firstLevelClass('080403')).toBe('08');
    expect(firstLevelClass('城镇开发边界')).toBeNull();
  });
});
