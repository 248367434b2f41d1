import { describe, expect, it } from "vitest";

import { buildPassportMrz } from "@/lib/documents/mrz";

import { repairTd3 } from "./mrz-repair";
import { changeMrzDigit } from "./test-set";

const MRZ = buildPassportMrz({ documentNumber: "I86557284", issuingCountry: "SE", lastName: "Martin", firstName: "Alice", birthDate: "1985-09-15", expirationDate: "2034-11-03", sex: "F" }).split("\n") as [string, string];

describe("MRZ repair", () => {
  it("keeps a clean read as it is", () => {
    expect(repairTd3(`PASSPORT OFFICE SWE\n${MRZ.join("\n")}\n`)).toEqual({ lines: MRZ, repairs: 0 });
  });

  it("fills line 1 after three fillers, puts digits and letters back where ICAO puts them, and works out an illegible check digit", () => {
    const read = [`${MRZ[0].slice(0, 30)}LKLLLLLLLLLLLL`, `1${MRZ[1].slice(1, 10)}SWE8S09152F3411034<<<<<<<<<<<<<<<B`].join("\n");
    expect(repairTd3(read)?.lines).toEqual(MRZ);
  });

  it("does not repair a changed digit into a valid zone", () => {
    const tampered = changeMrzDigit(MRZ);
    expect(repairTd3(tampered.join("\n"))?.lines).toEqual(tampered);
  });

  it("finds nothing when no two MRZ-looking lines are there", () => {
    expect(repairTd3("PASSPORT\nSOME TEXT")).toBeNull();
  });
});
