/** "0478451010" → "04 78 45 10 10", as a number is read out to a caller; anything else as it is. */
export function spacedPhone(phone: string): string {
  return /^\d{10}$/.test(phone) ? phone.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}
