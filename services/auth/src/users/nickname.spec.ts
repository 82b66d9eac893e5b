import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nicknameSkeleton, normalizeNickname } from './nickname.js';

const refused = (name: string) => {
  const result = normalizeNickname(name);
  return result.ok ? undefined : result.problem;
};

describe('nickname normaliser', () => {
  it('keeps ordinary Korean and Latin names, in NFKC', () => {
    assert.deepEqual(normalizeNickname('새벽근무'), { ok: true, display: '새벽근무', skeleton: '새벽근무' });
    const fullWidth = normalizeNickname('ＮｉｇｈｔＳｈｉｆｔ');
    assert.ok(fullWidth.ok);
    assert.equal(fullWidth.display, 'NightShift');
    assert.ok(normalizeNickname('badminton').ok, 'a word that merely contains a reserved one');
  });

  it('gives look-alikes one skeleton: case, width, Cyrillic, Greek, digits, separators', () => {
    const admin = nicknameSkeleton('admin');
    for (const alike of ['ADMIN', 'аdmin', 'αdmin', 'ａｄｍｉｎ', 'adm1n', 'ad_min', 'a.d.m.i.n']) {
      assert.equal(nicknameSkeleton(alike), admin, alike);
    }
    assert.equal(nicknameSkeleton('NightShift'), nicknameSkeleton('nightshift'));
    assert.equal(nicknameSkeleton('rnoon'), nicknameSkeleton('moon'));
    assert.notEqual(nicknameSkeleton('간호사1'), nicknameSkeleton('간호사2'));
  });

  it('refuses invisible and format characters', () => {
    for (const name of [
      '관리자\u3164',
      '탈퇴한\u3164회원',
      'nurse\u200B',
      'nu\uFEFFrse',
      'kim\uFE0F',
      'park\u200D',
      '\uFFA0간호',
    ]) {
      assert.equal(refused(name), 'invisible', JSON.stringify(name));
    }
  });

  it("reserves the system's own labels however they are written", () => {
    for (const name of [
      'admin',
      'Admin',
      'аdmin',
      'admin1',
      'ad_min',
      '관리자',
      '운영자',
      '운영팀',
      '운영팀장',
      '탈퇴한회원',
      '탈퇴한-회원',
      '알수없음',
      'carebridge',
      'CareBridge2',
      '케어브릿지',
      '카케브릿지',
    ]) {
      assert.equal(refused(name), 'reserved', name);
    }
  });

  it('refuses characters outside letters, digits, _ . -', () => {
    assert.equal(refused('kim!'), 'pattern');
    assert.equal(refused('a b'), 'invisible');
  });
});
