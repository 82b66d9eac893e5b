/** Korean messages: the hospital search. */
export const messages = {
  'hospitals.title': '병원 찾기',
  'hospitals.lead': '이름, 지역, 종별, 진료과로 병원을 찾고 인사이더의 리뷰를 읽어 보세요.',
  'hospitals.filters': '병원 검색 조건',
  'hospitals.name': '병원 이름',
  'hospitals.region': '시도',
  'hospitals.district': '시군구',
  'hospitals.type': '종별',
  'hospitals.department': '진료과',
  'hospitals.departmentExample': '예: 내과',
  'hospitals.sort': '정렬',
  'hospitals.sort.name': '이름순',
  'hospitals.sort.rating': '평점순',
  'hospitals.sort.reviews': '리뷰 많은 순',
  'hospitals.all': '전체',
  'hospitals.filtered': '검색 조건에 맞는 병원이에요.',
  'hospitals.ratingOrder': '평점순은 리뷰 수도 함께 봐요. 리뷰 한두 개의 만점보다 꾸준히 좋은 평가가 앞서요.',
};
