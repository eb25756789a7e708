/** English catalog, digest area: the owners' daily digest (Fluent syntax; every argument is HTML-safe text). */
export default `
`;
