import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const XSD = readFileSync(path.resolve(__dirname, "../fixtures/iso20022/pain.001.001.09.subset.xsd"), "utf8");

/** xmllint's schema validation of a pain.001 file against the subset schema: the errors, or []. */
export async function pain001Errors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: "payments.xml", contents: xml }], schema: [{ fileName: "pain.001.001.09.xsd", contents: XSD }] });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
