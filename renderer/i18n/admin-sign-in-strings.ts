/** The administrator's sign-in of the admin screen (Vietnamese first). */
const vi = {
  title: 'Đăng nhập quản trị',
  lead: 'Chỉ quản trị viên của trung tâm được xem thống kê, lịch hẹn và thiết bị.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signIn: 'Đăng nhập',
  signingIn: 'Đang đăng nhập…',
  signOut: 'Đăng xuất',
  signedInAs: (name: string): string => `Quản trị viên: ${name}`,
  hint: 'Tài khoản do người quản lý hệ thống tạo bằng lệnh "motcua admin add". Sau 5 lần nhập sai, tài khoản bị khoá 15 phút.',
  checking: 'Đang kiểm tra phiên đăng nhập…',
};

const en: typeof vi = {
  title: 'Administrator sign-in',
  lead: "Only the centre's administrators see the statistics, appointments and devices.",
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: (name: string): string => `Administrator: ${name}`,
  hint: 'Accounts are created by the system manager with "motcua admin add". After 5 wrong passwords the account is locked for 15 minutes.',
  checking: 'Checking the session…',
};

export const adminSignInStrings = { vi, en } as const;
