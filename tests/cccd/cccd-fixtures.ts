/** Fictional people with numbers built by the public rule (province, century+sex, year, 6 digits). */
export const AN = '001090012345|123456789|Nguyễn Văn An|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10082021';
export const BINH = '079305001234||Trần Thị Bình|02092005|Nữ|Phường Bến Nghé, Quận 1, TP Hồ Chí Minh|20112023';
