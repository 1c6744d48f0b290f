// The cities the demo model knows: its whole "world knowledge" for get_current_time. Asked about one of them,
// it passes the IANA zone; asked about any other place, it reads the local clock (no timezone) and says it
// does not know that place's time zone. Both data generators ask about these; the held-out set adds unseen
// places from its own list.
export const KNOWN_CITIES: readonly (readonly [city: string, zone: string])[] = [
  ['Tokyo', 'Asia/Tokyo'], ['Paris', 'Europe/Paris'], ['London', 'Europe/London'], ['New York', 'America/New_York'],
  ['Berlin', 'Europe/Berlin'], ['Sydney', 'Australia/Sydney'], ['Los Angeles', 'America/Los_Angeles'], ['Madrid', 'Europe/Madrid'],
  ['Chicago', 'America/Chicago'], ['Rome', 'Europe/Rome'], ['Moscow', 'Europe/Moscow'], ['Beijing', 'Asia/Shanghai'],
  ['Shanghai', 'Asia/Shanghai'], ['Hong Kong', 'Asia/Hong_Kong'], ['Singapore', 'Asia/Singapore'], ['Seoul', 'Asia/Seoul'],
  ['Mumbai', 'Asia/Kolkata'], ['Delhi', 'Asia/Kolkata'], ['New Delhi', 'Asia/Kolkata'], ['Dubai', 'Asia/Dubai'],
  ['Istanbul', 'Europe/Istanbul'], ['Cairo', 'Africa/Cairo'], ['Johannesburg', 'Africa/Johannesburg'], ['Lagos', 'Africa/Lagos'],
  ['Nairobi', 'Africa/Nairobi'], ['Sao Paulo', 'America/Sao_Paulo'], ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
  ['Mexico City', 'America/Mexico_City'], ['Toronto', 'America/Toronto'], ['Vancouver', 'America/Vancouver'], ['Denver', 'America/Denver'],
  ['Phoenix', 'America/Phoenix'], ['Honolulu', 'Pacific/Honolulu'], ['Anchorage', 'America/Anchorage'], ['Auckland', 'Pacific/Auckland'],
  ['Melbourne', 'Australia/Melbourne'], ['Bangkok', 'Asia/Bangkok'], ['Jakarta', 'Asia/Jakarta'], ['Manila', 'Asia/Manila'],
  ['Amsterdam', 'Europe/Amsterdam'], ['Brussels', 'Europe/Brussels'], ['Vienna', 'Europe/Vienna'], ['Zurich', 'Europe/Zurich'],
  ['Stockholm', 'Europe/Stockholm'], ['Oslo', 'Europe/Oslo'], ['Copenhagen', 'Europe/Copenhagen'], ['Helsinki', 'Europe/Helsinki'],
  ['Warsaw', 'Europe/Warsaw'], ['Prague', 'Europe/Prague'], ['Athens', 'Europe/Athens'], ['Lisbon', 'Europe/Lisbon'],
  ['Dublin', 'Europe/Dublin'], ['Tehran', 'Asia/Tehran'], ['Karachi', 'Asia/Karachi'], ['Lima', 'America/Lima'],
  ['Bogota', 'America/Bogota'], ['Santiago', 'America/Santiago'], ['Boston', 'America/New_York'], ['Miami', 'America/New_York'],
  ['San Francisco', 'America/Los_Angeles'], ['Seattle', 'America/Los_Angeles'],
];
