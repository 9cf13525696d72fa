import { describe, expect, it } from 'vitest';
import { oneDecimal, signedOneDecimal } from './format.ts';

describe('scores as people read them', () => {
  it.each([
    [-0.2999999999999998, '-0.3'],
    [0.1 + 0.2, '0.3'],
    [7.5, '7.5'],
    [6, '6'],
    [2.25, '2.3'],
    [-0.04, '0'],
    [0, '0'],
    [12.75 * 0.75, '9.6'],
  ])('%s reads %s', (n, text) => {
    expect(oneDecimal(n)).toBe(text);
    expect(text).toMatch(/^-?\d+(\.\d)?$/);
  });

  it('signs a margin, and leaves zero unsigned', () => {
    expect(signedOneDecimal(1.25)).toBe('+1.3');
    expect(signedOneDecimal(-0.2999999999999998)).toBe('-0.3');
    expect(signedOneDecimal(0.02)).toBe('0');
    expect(signedOneDecimal(-0.02)).toBe('0');
  });
});
