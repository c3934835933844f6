// Every word the dashboard shows, in Vietnamese (the default, in the directive's own terms)
// and English. Dates and numbers are formatted for the chosen language.

export type Lang = "vi" | "en";

const vi = {
  appTitle: "Tình hình — Sở Thông tin và Truyền thông",
  signIn: "Đăng nhập",
  signOut: "Đăng xuất",
  username: "Tên đăng nhập",
  password: "Mật khẩu",
  signInFailed: "Sai tên đăng nhập hoặc mật khẩu",
  language: "English",
  live: "Trực tuyến",
  connecting: "Đang kết nối",
  reconnecting: "Đang kết nối lại",
  offline: "Mất kết nối",
  stale: "Dữ liệu cũ",
  dataAge: "cập nhật {n} giây trước",
  lastChange: "Thay đổi gần nhất",
  never: "chưa có",
  layers: "Lớp bản đồ",
  districts: "Huyện, thị xã, thành phố",
  zones: "Khu vực cách ly",
  sites: "Trạm viễn thông",
  checkpoints: "Chốt kiểm soát",
  offices: "Bưu cục",
  routes: "Tuyến bưu chính",
  flagged: "Vùng thiếu liên lạc, bưu chính",
  allOperators: "Mọi doanh nghiệp",
  allKinds: "Mọi loại trạm",
  operator: "Doanh nghiệp",
  kind: "Loại trạm",
  flags: "Cảnh báo",
  noFlags: "Không có cảnh báo",
  allDistricts: "Mọi huyện",
  allFlagKinds: "Mọi loại cảnh báo",
  acknowledge: "Xác nhận",
  acknowledged: "Đã xác nhận",
  counters: "Số liệu theo huyện",
  sitesDown: "Trạm mất sóng",
  wifiMissing: "Chốt thiếu wifi",
  officesOpen: "Bưu cục mở",
  details: "Chi tiết",
  history: "Lịch sử gần đây",
  noSelection: "Chọn một đối tượng trên bản đồ",
  close: "Đóng",
  version: "Phiên bản",
  updatedAt: "Cập nhật",
  updatedBy: "Người cập nhật",
  level: "Cấp độ",
  note: "Ghi chú",
  setLevel: "Đặt cấp độ",
  drawZone: "Vẽ khu vực cách ly",
  finishDrawing: "Hoàn tất",
  cancel: "Hủy",
  zoneName: "Tên khu vực",
  save: "Lưu",
  lift: "Dỡ phong tỏa",
  redraw: "Vẽ lại ranh giới",
  drawHint: "Bấm lên bản đồ để đặt các đỉnh; bấm Hoàn tất khi xong",
  status: "Trạng thái",
  wifi: "Wifi miễn phí",
  health: "Tình trạng",
  power: "Nguồn điện",
  batteryMinutes: "Pin còn (phút)",
  causes: "Nguyên nhân",
  report: "Báo cáo",
  importCsv: "Nhập tệp CSV",
  importSites: "Danh sách trạm",
  importReports: "Báo cáo tình trạng",
  importDone: "Đã nhập {ok}/{total} dòng",
  rowErrors: "Dòng lỗi",
  row: "Dòng",
  summary: "Tổng hợp toàn tỉnh",
  powerQueue: "Ưu tiên cấp điện",
  rank: "Thứ tự",
  zoneLoss: "Vùng cách ly mất sóng (km²)",
  districtLoss: "Địa bàn mất sóng (km²)",
  activeZones: "Khu vực cách ly đang áp dụng",
  openFlags: "Cảnh báo đang mở",
  lastHours: "Diễn biến các giờ qua",
  saved: "Đã lưu",
  schematic: "Bản đồ sơ đồ (không có dữ liệu ranh giới thật)",
  errorInvalid: "Dữ liệu không hợp lệ",
  errorUnauthorized: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại",
  errorForbidden: "Không được phép",
  errorNotFound: "Không tìm thấy",
  errorConflict: "Đã tồn tại",
  errorTooMany: "Quá nhiều yêu cầu, vui lòng thử lại sau ít phút",
  errorUnavailable: "Hệ thống tạm thời không lưu được, vui lòng thử lại sau",
  errorOther: "Có lỗi xảy ra",
  compliance: "Theo dõi thực hiện chỉ đạo",
  overdueCount: "{n} quá hạn",
  allObligationKinds: "Mọi nhiệm vụ",
  obligationKind: "Nhiệm vụ",
  exportCsv: "Xuất CSV",
  organisation: "Đơn vị",
  clause: "mục",
  since: "từ",
  deadline: "Thời hạn",
  evidence: "Kết quả",
  document: "Văn bản",
  contactPoint: "Đầu mối liên hệ",
  ownObligations: "Nhiệm vụ của đơn vị",
  stillOwed: "còn {n} việc",
  sendEvidence: "Báo cáo đã thực hiện",
  personName: "Họ và tên",
  position: "Chức vụ",
  phone: "Điện thoại",
  email: "Thư điện tử",
  timeLeft: "còn {d}",
  overdueBy: "quá hạn {d}",
  daysShort: "ngày",
  hoursShort: "giờ",
  minutesShort: "phút",
  fields: {
    level: "Cấp độ", note: "Ghi chú", population: "Dân số", status: "Trạng thái", districtId: "Huyện",
    since: "Từ", until: "Đến", wifi: "Wifi miễn phí", wifiOperator: "Doanh nghiệp cấp wifi", road: "Tuyến đường",
    lastReportAt: "Báo cáo gần nhất", operator: "Doanh nghiệp", kind: "Loại trạm", effectiveHealth: "Tình trạng thực tế",
    health: "Tình trạng báo cáo", power: "Nguồn điện", batteryMinutes: "Pin còn (phút)", causes: "Nguyên nhân",
    upstreamSiteId: "Trạm tuyến trên",
  } as Record<string, string>,
  words: {
    normal: "Bình thường", watch: "Theo dõi", distancing: "Giãn cách xã hội", lockdown: "Phong tỏa",
    active: "Đang áp dụng", lifted: "Đã dỡ bỏ", closed: "Đóng", open: "Mở",
    ok: "Hoạt động", down: "Mất", none: "Không có",
    up: "Hoạt động", degraded: "Suy giảm", unknown: "Không rõ",
    grid: "Điện lưới", generator: "Máy phát", battery: "Ắc quy",
    transport: "Truyền dẫn", damage: "Hư hỏng",
    running: "Đang chạy", delayed: "Chậm", suspended: "Tạm dừng",
    bts: "Trạm BTS", exchange: "Trạm viễn thông", transmission: "Truyền dẫn", noc: "Trung tâm điều hành",
    connectivity_gap: "Thiếu sóng di động", postal_gap: "Gián đoạn bưu chính", checkpoint_no_wifi: "Chốt không có wifi",
    power_critical: "Nguy cơ mất điện", power: "Mất điện", stale_report: "Quá hạn báo cáo", upstream_outage: "Sự cố tuyến trên",
    critical: "Nghiêm trọng", warning: "Cảnh báo",
    leader: "Lãnh đạo", district: "UBND huyện", operator: "Doanh nghiệp", utility: "Điện lực, cấp nước", admin: "Quản trị",
    obligation: "Nhiệm vụ", organisation: "Đơn vị", obligation_overdue: "Quá hạn thực hiện chỉ đạo", agency: "Cơ quan",
    contact_point: "Đầu mối liên hệ", checkpoint_wifi: "Wifi tại chốt", priority_power: "Ưu tiên cấp điện", priority_water: "Ưu tiên cấp nước",
    duty_roster: "Lịch trực", safety_plan: "Phương án an toàn", health_declarations: "Khai báo y tế", free_movement: "Tạo điều kiện đi lại",
    service_continuity: "Duy trì dịch vụ", uniform: "Đồng phục", emergency_reporting: "Báo cáo đột xuất",
    pending: "Chưa thực hiện", met: "Đã thực hiện", overdue: "Quá hạn", waived: "Được miễn",
    site: "Trạm", zone: "Khu vực cách ly", checkpoint: "Chốt kiểm soát", office: "Bưu cục", route: "Tuyến bưu chính",
  } as Record<string, string>,
};

const en: typeof vi = {
  appTitle: "Situation — Department of Information and Communications",
  signIn: "Sign in",
  signOut: "Sign out",
  username: "User name",
  password: "Password",
  signInFailed: "Wrong user name or password",
  language: "Tiếng Việt",
  live: "Live",
  connecting: "Connecting",
  reconnecting: "Reconnecting",
  offline: "Offline",
  stale: "Stale",
  dataAge: "updated {n} s ago",
  lastChange: "Last change",
  never: "none yet",
  layers: "Layers",
  districts: "Districts, towns, city",
  zones: "Quarantine zones",
  sites: "Telecom sites",
  checkpoints: "Checkpoints",
  offices: "Post offices",
  routes: "Postal routes",
  flagged: "Areas lacking connectivity or post",
  allOperators: "All operators",
  allKinds: "All kinds",
  operator: "Operator",
  kind: "Kind",
  flags: "Flags",
  noFlags: "No open flags",
  allDistricts: "All districts",
  allFlagKinds: "All kinds of flag",
  acknowledge: "Acknowledge",
  acknowledged: "Acknowledged",
  counters: "By district",
  sitesDown: "Sites down",
  wifiMissing: "Checkpoints without wifi",
  officesOpen: "Offices open",
  details: "Details",
  history: "Recent history",
  noSelection: "Select something on the map",
  close: "Close",
  version: "Version",
  updatedAt: "Updated",
  updatedBy: "Updated by",
  level: "Level",
  note: "Note",
  setLevel: "Set level",
  drawZone: "Draw a quarantine zone",
  finishDrawing: "Finish",
  cancel: "Cancel",
  zoneName: "Zone name",
  save: "Save",
  lift: "Lift",
  redraw: "Redraw boundary",
  drawHint: "Click on the map to place the corners; press Finish when done",
  status: "Status",
  wifi: "Free wifi",
  health: "Health",
  power: "Power",
  batteryMinutes: "Battery left (minutes)",
  causes: "Causes",
  report: "Report",
  importCsv: "Import a CSV file",
  importSites: "Sites",
  importReports: "Health reports",
  importDone: "Imported {ok}/{total} rows",
  rowErrors: "Rows with errors",
  row: "Row",
  summary: "Province summary",
  powerQueue: "Power priority",
  rank: "Rank",
  zoneLoss: "Quarantine area that would lose coverage (km²)",
  districtLoss: "District area that would lose coverage (km²)",
  activeZones: "Active quarantine zones",
  openFlags: "Open flags",
  lastHours: "The last hours",
  saved: "Saved",
  schematic: "Schematic map (no real boundary data)",
  errorInvalid: "The data is not valid",
  errorUnauthorized: "The session has ended; please sign in again",
  errorForbidden: "Not allowed",
  errorNotFound: "Not found",
  errorConflict: "Already exists",
  errorTooMany: "Too many requests; please try again in a moment",
  errorUnavailable: "The platform cannot store this right now; please try again shortly",
  errorOther: "Something went wrong",
  compliance: "Directive compliance",
  overdueCount: "{n} overdue",
  allObligationKinds: "Every obligation",
  obligationKind: "Obligation",
  exportCsv: "Export CSV",
  organisation: "Organisation",
  clause: "clause",
  since: "since",
  deadline: "Deadline",
  evidence: "Evidence",
  document: "Document",
  contactPoint: "Contact point",
  ownObligations: "Our obligations",
  stillOwed: "{n} still owed",
  sendEvidence: "Report it done",
  personName: "Full name",
  position: "Position",
  phone: "Phone",
  email: "E-mail",
  timeLeft: "{d} left",
  overdueBy: "{d} overdue",
  daysShort: "d",
  hoursShort: "h",
  minutesShort: "min",
  fields: {
    level: "Level", note: "Note", population: "Population", status: "Status", districtId: "District",
    since: "Since", until: "Until", wifi: "Free wifi", wifiOperator: "Wifi provided by", road: "Road",
    lastReportAt: "Last report", operator: "Operator", kind: "Kind", effectiveHealth: "Effective health",
    health: "Reported health", power: "Power", batteryMinutes: "Battery left (minutes)", causes: "Causes",
    upstreamSiteId: "Upstream site",
  },
  words: {
    normal: "Normal", watch: "Watch", distancing: "Social distancing", lockdown: "Lockdown",
    active: "Active", lifted: "Lifted", closed: "Closed", open: "Open",
    ok: "Working", down: "Down", none: "None",
    up: "Up", degraded: "Degraded", unknown: "Unknown",
    grid: "Grid", generator: "Generator", battery: "Battery",
    transport: "Transmission", damage: "Damage",
    running: "Running", delayed: "Delayed", suspended: "Suspended",
    bts: "Base station", exchange: "Exchange", transmission: "Transmission", noc: "Network operations centre",
    connectivity_gap: "Connectivity gap", postal_gap: "Postal gap", checkpoint_no_wifi: "Checkpoint without wifi",
    power_critical: "Power critical", power: "Power", stale_report: "Report overdue", upstream_outage: "Upstream outage",
    critical: "Critical", warning: "Warning",
    leader: "Leader", district: "District committee", operator: "Operator", utility: "Power and water", admin: "Administrator",
    obligation: "Obligation", organisation: "Organisation", obligation_overdue: "Directive obligation overdue", agency: "Agency",
    contact_point: "Contact point", checkpoint_wifi: "Checkpoint wifi", priority_power: "Priority power", priority_water: "Priority water",
    duty_roster: "Duty roster", safety_plan: "Safety plan", health_declarations: "Health declarations", free_movement: "Free movement",
    service_continuity: "Service continuity", uniform: "Uniform", emergency_reporting: "Emergency reporting",
    pending: "Pending", met: "Met", overdue: "Overdue", waived: "Waived",
    site: "Site", zone: "Quarantine zone", checkpoint: "Checkpoint", office: "Post office", route: "Postal route",
  },
};

export type Text = typeof vi;
type Key = Exclude<keyof Text, "words" | "fields">;

const dictionaries: Record<Lang, Text> = { vi, en };
let lang: Lang = (localStorage.getItem("situation.lang") as Lang) === "en" ? "en" : "vi";
const listeners = new Set<() => void>();

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem("situation.lang", next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLangChange(listener: () => void): void {
  listeners.add(listener);
}

export function t(key: Key, values: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** A contract word (level, health, flag kind, …) in the chosen language; unknown words as they are. */
export function word(value: string | null | undefined): string {
  if (!value) return "";
  return dictionaries[lang].words[value] ?? value;
}

/** A field's name in the chosen language. */
export function field(name: string): string {
  return dictionaries[lang].fields[name] ?? name;
}

export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return t("never");
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", { dateStyle: "short", timeStyle: "medium" }).format(date);
}

/** A time of the directives (a deadline, since when), on the province's clock (UTC+7) wherever the browser is. */
export function formatProvinceTime(value: string | null | undefined): string {
  if (!value) return t("never");
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(value));
}

export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits }).format(value);
}
