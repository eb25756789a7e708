/** Arabic catalog, credit area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-credit = شروط الدين وحدوده
`;
