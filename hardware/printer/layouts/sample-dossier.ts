/** The dossier both one-stop forms print in their samples (references, `motcua render --sample`). */
export const SAMPLE_DOSSIER = {
  issuer: { agencyName: 'UBND PHƯỜNG HOÀN KIẾM', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', place: 'Hoàn Kiếm' },
  dossierCode: '000.00.12.H26-260504-0001',
  applicant: { name: 'Nguyễn Thị Ánh Tuyết', address: 'Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội', phone: '0912 345 678' },
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
} as const;
