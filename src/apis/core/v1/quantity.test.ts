import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addQuantities, canonicalQuantity, compareQuantities, parseQuantity, quantityFormatErrorMessage, quantityFromMilli,
  quantityFromValue, quantitySuffixErrorMessage, toBytes, toMilli, formatQuantity, tryParseQuantity,
} from './quantity.js';

describe('quantity', () => {
  it('canonicalizes like apimachinery', () => {
    const cases: [string | number, string][] = [
      ['100m', '100m'], ['0.1', '100m'], ['0.5', '500m'], [0.5, '500m'], ['1', '1'], [1, '1'], ['1000', '1k'],
      ['1500', '1500'], ['1.5', '1500m'], ['1e3', '1e3'], ['1E3', '1e3'], ['1.5e3', '1500'], ['1k', '1k'],
      ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000Mi', '1000Mi'], ['1536Mi', '1536Mi'], ['1.5Gi', '1536Mi'],
      ['0.5Gi', '512Mi'], ['0.5Ki', '512'], ['2048Ki', '2Mi'], ['128974848', '128974848'], ['129e6', '129e6'],
      ['129M', '129M'], ['123Mi', '123Mi'], ['0', '0'], ['0m', '0'], ['-1', '-1'], ['-100m', '-100m'],
      ['1n', '1n'], ['0.0000000001', '1n'], ['1u', '1u'], ['+5', '5'], ['007', '7'], ['1000000000000', '1T'],
    ];
    for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, `canonical of ${String(input)}`);
  });

  it('converts to milli-units and bytes, rounding up', () => {
    assert.equal(toMilli(parseQuantity('100m')), 100);
    assert.equal(toMilli(parseQuantity('1')), 1000);
    assert.equal(toMilli(parseQuantity('1.5')), 1500);
    assert.equal(toMilli(parseQuantity('1n')), 1);
    assert.equal(toBytes(parseQuantity('1Gi')), 1073741824);
    assert.equal(toBytes(parseQuantity('128Mi')), 134217728);
    assert.equal(toBytes(parseQuantity('1G')), 1e9);
    assert.equal(toBytes(parseQuantity('100m')), 1);
  });

  it('compares and adds', () => {
    assert.equal(compareQuantities(parseQuantity('1'), parseQuantity('1000m')), 0);
    assert.equal(compareQuantities(parseQuantity('1Gi'), parseQuantity('1G')), 1);
    assert.equal(compareQuantities(parseQuantity('500m'), parseQuantity('0.6')), -1);
    assert.equal(formatQuantity(addQuantities(parseQuantity('100m'), parseQuantity('200m'))), '300m');
    assert.equal(formatQuantity(addQuantities(parseQuantity('1Gi'), parseQuantity('1Gi'))), '2Gi');
    assert.equal(formatQuantity(quantityFromMilli(250)), '250m');
    assert.equal(formatQuantity(quantityFromValue(1073741824, 'BinarySI')), '1Gi');
  });

  it('rejects malformed quantities with apimachinery messages', () => {
    assert.throws(() => parseQuantity('abc'), { message: quantityFormatErrorMessage });
    assert.throws(() => parseQuantity(''), { message: quantityFormatErrorMessage });
    assert.throws(() => parseQuantity('1 Gi'), { message: quantityFormatErrorMessage });
    assert.throws(() => parseQuantity('1K'), { message: quantitySuffixErrorMessage });
    assert.throws(() => parseQuantity('1Gb'), { message: quantityFormatErrorMessage });
    assert.throws(() => parseQuantity('1Mk'), { message: quantitySuffixErrorMessage });
    assert.equal(tryParseQuantity('x'), undefined);
    assert.equal(tryParseQuantity({}), undefined);
  });
});
