/** Korean messages: report. */
export const messages = {
  'report.reason': '신고 사유',
  'report.reasonPlaceholder': '사유를 골라 주세요',
  'report.reasonRequired': '신고 사유를 골라 주세요.',
  'report.detail': '자세한 내용 (선택)',
  'report.submit': '신고하기',
  'report.done': '신고가 접수됐어요. 관리자가 확인할게요.',
  'report.reason.spam': '스팸',
  'report.reason.abuse': '욕설·괴롭힘',
  'report.reason.privacy': '개인정보 노출',
  'report.reason.misinformation': '잘못된 정보',
  'report.reason.advertising': '광고',
  'report.reason.other': '기타',
};
