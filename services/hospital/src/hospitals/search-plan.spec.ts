import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { departmentsFor, planHospitalSearch } from './search-plan.js';

describe('hospital search plans', () => {
  it('expand short forms of university hospitals', () => {
    assert.deepEqual(planHospitalSearch('서울대병원').names, ['서울대병원', '서울대학교병원']);
    assert.deepEqual(planHospitalSearch('경북대학병원').names, ['경북대학병원', '경북대학교병원']);
    assert.deepEqual(planHospitalSearch('삼성 서울').names, ['삼성서울']);
  });

  it('read districts, regions beside them, departments and the rest of the name', () => {
    assert.deepEqual(planHospitalSearch('강남구').filters, {
      districts: ['강남구'],
      regions: [],
      departments: [],
      nameParts: [],
    });
    assert.deepEqual(planHospitalSearch('서울 강남구 소아과 튼튼').filters, {
      districts: ['강남구'],
      regions: ['서울'],
      departments: [['소아청소년과']],
      nameParts: ['튼튼'],
    });
    // A region alone, or a name alone, is searched as a name only.
    assert.equal(planHospitalSearch('서울').filters, null);
    assert.equal(planHospitalSearch('대구').filters, null);
    assert.equal(planHospitalSearch('세브란스').filters, null);
  });

  it('know departments by their old names and by their first syllables', () => {
    assert.deepEqual(departmentsFor('소아과'), ['소아청소년과']);
    assert.deepEqual(departmentsFor('소아'), ['소아청소년과']);
    assert.deepEqual(departmentsFor('정신과'), ['정신건강의학과']);
    assert.deepEqual(departmentsFor('정형'), ['정형외과']);
    assert.deepEqual(departmentsFor('내과'), ['내과']);
    assert.deepEqual(departmentsFor('과'), []);
    assert.deepEqual(departmentsFor('서울'), []);
  });
});
