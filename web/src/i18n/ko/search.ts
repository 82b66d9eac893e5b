/** Korean messages: the search page. */
export const messages = {
  'search.title': '검색',
  'search.titleFor': '“{q}” 검색 결과',
  'search.hospitals': '병원',
  'search.posts': '게시글',
  'search.moreHospitals': '병원 찾기에서 더 보기',
  'search.moreFree': '자유게시판에서 더 보기',
  'search.moreQna': 'Q&A에서 더 보기',
};
