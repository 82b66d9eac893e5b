import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsPattern } from '@carebridge/platform';
import { cleanText, searchKey } from './search.js';

describe('hospital search keys', () => {
  it('fold case, width, spacing and Hangul composition', () => {
    assert.equal(searchKey('삼성 서울병원'), '삼성서울병원');
    assert.equal(searchKey('ＣＨＡ 의과대학'), 'cha의과대학');
    // "서울" typed as decomposed jamo (NFD) still matches the composed name.
    assert.equal(searchKey('서울'.normalize('NFD')), '서울');
    assert.ok(searchKey('서울대학교병원').includes(searchKey('서울대')));
  });

  it('escape LIKE wildcards so user input matches literally', () => {
    assert.equal(containsPattern('100%_병원'), '%100!%!_병원%');
  });

  it('tidy free text', () => {
    assert.equal(cleanText('  서울대학교\t 병원 \n'), '서울대학교 병원');
  });
});
