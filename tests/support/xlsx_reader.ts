/**
 * Reading a produced .xlsx back in tests: the values through SheetJS (the `xlsx`
 * package, an independent reader), and the raw parts through a tiny unzip, for what
 * SheetJS does not report (frozen panes, column widths).
 */
import * as zlib from "node:zlib";
import * as XLSX from "xlsx";

/** The parts of a ZIP archive by name (stored and deflated entries). */
export function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a ZIP file: no end of central directory");
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const parts = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    const local = offset + 30 + view.getUint16(offset + 26, true) +
      view.getUint16(offset + 28, true);
    const data = bytes.subarray(local, local + compressedSize);
    const content = method === 8 ? new Uint8Array(zlib.inflateRawSync(data)) : data.slice();
    if (content.length !== size) throw new Error(`${name}: ${content.length} bytes, not ${size}`);
    parts.set(name, content);
    p += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** A workbook read back. */
export interface ReadBook {
  workbook: XLSX.WorkBook;
  /** A part's text, e.g. `xl/styles.xml`. */
  part(name: string): string;
  /** The raw XML of a sheet, by sheet name. */
  sheetXml(sheet: string): string;
  /** A sheet's cells as rows of raw values (numbers stay numbers, dates are Dates). */
  rows(sheet: string): unknown[][];
  /** One cell as SheetJS read it (t: "s" text, "n" number, "d" date; z: number format). */
  cell(sheet: string, ref: string): XLSX.CellObject | undefined;
}

/** Reads an .xlsx file's bytes. */
export function readXlsx(bytes: Uint8Array): ReadBook {
  const parts = unzip(bytes);
  const workbook = XLSX.read(bytes, { type: "array", cellDates: true, cellNF: true });
  const text = (name: string) => {
    const part = parts.get(name);
    if (!part) throw new Error(`no part ${name}`);
    return new TextDecoder().decode(part);
  };
  return {
    workbook,
    part: text,
    sheetXml(sheet) {
      const index = workbook.SheetNames.indexOf(sheet);
      if (index < 0) throw new Error(`no sheet ${sheet}`);
      return text(`xl/worksheets/sheet${index + 1}.xml`);
    },
    rows(sheet) {
      const ws = workbook.Sheets[sheet];
      if (!ws) throw new Error(`no sheet ${sheet}`);
      return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    },
    cell(sheet, ref) {
      return workbook.Sheets[sheet]?.[ref] as XLSX.CellObject | undefined;
    },
  };
}
