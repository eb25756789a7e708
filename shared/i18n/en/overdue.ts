/** English catalog, overdue area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-overdue = Due and overdue
`;
