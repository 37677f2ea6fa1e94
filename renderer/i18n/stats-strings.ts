/** Words of the screens' `stats` (vi.ts and en.ts assemble every group; a role's screen takes the groups it shows: renderer/i18n/for-*.ts). */
const vi = {
  stats: {
    title: 'Thống kê',
    from: 'Từ ngày',
    to: 'Đến ngày',
    today: 'Hôm nay',
    show: 'Xem',
    loading: 'Đang tải số liệu…',
    failed: 'Không tải được số liệu thống kê',
    empty: 'Chưa có số liệu trong khoảng thời gian này.',
    downloadXlsx: 'Tải Excel (.xlsx)',
    downloadCsv: (grouping: string): string => `Tải CSV — ${grouping.toLowerCase()}`,
    downloading: 'Đang tải…',
    groupings: { day: 'Theo ngày', hour: 'Theo giờ', service: 'Theo lĩnh vực', counter: 'Theo quầy', clerk: 'Theo cán bộ' },
    totals: { issued: 'Số vé', served: 'Đã phục vụ', noShows: 'Vắng mặt', cancelled: 'Đã huỷ', wait: 'Chờ TB / P90', service: 'Phục vụ TB', idle: 'Rảnh (các quầy)', rating: 'Đánh giá TB' },
    columns: {
      label: 'Nhóm', issued: 'Số vé', served: 'Đã phục vụ', noShows: 'Vắng', cancelled: 'Huỷ', waitMean: 'Chờ TB', waitP90: 'Chờ P90',
      serviceMean: 'Phục vụ TB', idle: 'Rảnh', ratings: 'Đánh giá (1/2/3/4)', ratingMean: 'Điểm TB',
    },
    minutes: (m: number): string => `${m.toLocaleString('vi-VN')} phút`,
    ratingOutOf: (mean: number, count: number): string => `${mean.toLocaleString('vi-VN')}/4 · ${count} lượt`,
    noRatings: 'chưa có',
    chartTitle: 'Số vé và số đã phục vụ',
    ratingChartTitle: 'Phân bố đánh giá',
    legendIssued: 'Số vé',
    legendServed: 'Đã phục vụ',
    unitNote: 'Thời gian tính bằng phút. Rảnh: tổng thời gian từ lúc xong một số đến lúc gọi số tiếp theo tại quầy, trong ngày.',
  },
};

export type StatsStrings = typeof vi;

const en: StatsStrings = {
  stats: {
    title: 'Statistics',
    from: 'From',
    to: 'To',
    today: 'Today',
    show: 'Show',
    loading: 'Loading figures…',
    failed: 'The statistics could not be loaded',
    empty: 'No figures in this period yet.',
    downloadXlsx: 'Download Excel (.xlsx)',
    downloadCsv: (grouping) => `Download CSV — ${grouping.toLowerCase()}`,
    downloading: 'Downloading…',
    groupings: { day: 'By day', hour: 'By hour', service: 'By service', counter: 'By counter', clerk: 'By clerk' },
    totals: { issued: 'Tickets', served: 'Served', noShows: 'No-shows', cancelled: 'Cancelled', wait: 'Wait mean / p90', service: 'Service mean', idle: 'Idle (all counters)', rating: 'Mean rating' },
    columns: {
      label: 'Group', issued: 'Tickets', served: 'Served', noShows: 'No-show', cancelled: 'Cancelled', waitMean: 'Wait', waitP90: 'Wait p90',
      serviceMean: 'Service', idle: 'Idle', ratings: 'Ratings (1/2/3/4)', ratingMean: 'Mean',
    },
    minutes: (m) => `${m.toLocaleString('en-GB')} min`,
    ratingOutOf: (mean, count) => `${mean.toLocaleString('en-GB')}/4 · ${count} ratings`,
    noRatings: 'none yet',
    chartTitle: 'Tickets issued and served',
    ratingChartTitle: 'Ratings',
    legendIssued: 'Tickets',
    legendServed: 'Served',
    unitNote: 'Times in minutes. Idle: the total time from finishing one number to calling the next at a counter, within the day.',
  },
};

export const statsStrings = { vi, en };
