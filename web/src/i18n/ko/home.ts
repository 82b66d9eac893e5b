/** Korean messages: home. */
export const messages = {
  'home.title': '병원 안의 이야기를 병원 밖으로',
  'home.lead': '병원에서 일하는 사람들이 직접 쓰는 병원 이야기와 리뷰. 병원과 글을 한 번에 검색해 보세요.',
  'home.latestFree': '자유게시판 최신 글',
  'home.latestQna': 'Q&A 최신 질문',
  'home.bestRated': '평점 높은 병원',
  'home.mostReviewed': '리뷰 많은 병원',
  'home.insiderTitle': '인사이더란?',
  'home.insider1':
    '인사이더는 병원에서 일하는 의사, 간호사, 기사, 약사, 행정 직원이에요. 가입할 때 근무지를 고르고 이메일을 인증하면 게시판에 글을 쓸 수 있어요.',
  'home.insider2':
    '근무지 병원의 리뷰는 그 병원의 인사이더만 쓸 수 있어요. 병원에 등록된 업무용 이메일 도메인으로 인증했거나 관리자가 소속을 확인한 회원에게는 “인증된 인사이더” 표시가 붙어요.',
  'home.insider3': '글쓴이는 닉네임으로만 표시돼요. 이메일이나 계정 정보는 누구에게도 보이지 않아요.',
  'home.noRated': '아직 리뷰가 있는 병원이 없어요. 병원에서 일한다면 첫 리뷰를 남겨 주세요.',
};
