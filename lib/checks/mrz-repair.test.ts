import { describe, expect, it } from "vitest";

import { buildPassportMrz } from "@/lib/documents/mrz";

import { line2ChecksHold, repairTd3 } from "./mrz-repair";
import { changeMrzDigit } from "./test-set";

const MRZ = buildPassportMrz({ documentNumber: "I86557284", issuingCountry: "SE", lastName: "Martin", firstName: "Alice", birthDate: "1985-09-15", expirationDate: "2034-11-03", sex: "F" }).split("\n") as [string, string];
const line2 = (text: string) => repairTd3(`${MRZ[0]}\n${text}`)?.lines[1];

describe("MRZ repair", () => {
  it("keeps a clean read as it is", () => {
    expect(repairTd3(`PASSPORT OFFICE SWE\n${MRZ.join("\n")}\n`)).toEqual({ lines: MRZ, repairs: 0 });
  });

  it("fills line 1 after three fillers and puts digits and letters back where ICAO puts them", () => {
    const read = [`${MRZ[0].slice(0, 30)}LKLLLLLLLLLLLL`, `1${MRZ[1].slice(1, 10)}SWE8S09152F3411034<<<<<<<<<<<<<<<${MRZ[1][43]}`].join("\n");
    expect(repairTd3(read)?.lines).toEqual(MRZ);
  });

  it("works out a check digit read as a letter when nothing else needed a guess", () => {
    expect(line2(`${MRZ[1].slice(0, 43)}B`)).toBe(MRZ[1]);
  });

  it("does not both swap a look-alike and work out a check digit: the composite is what confirms a swap", () => {
    // Read off a blurred page: "I" as "J", a "0" swapped to "D" would even out the number's check digit.
    const read = "J465100873P0L6912255M3509065<<<<<<<<<<<<<<<B";
    const repaired = line2(read)!;
    expect(line2ChecksHold(repaired)).toBe(false);
  });

  it("swaps a look-alike in the number only into letters-then-digits, so a misread that is no look-alike is not evened out", () => {
    const truth = "Q733990014NGA6711115F3102260<<<<<<<<<<<<<<<4";
    expect(line2ChecksHold(line2("Q73399X014NGA6711115F3102260<<<<<<<<<<<<<<<4")!)).toBe(false);
    expect(line2("Q7339900I4NGA6711115F3102260<<<<<<<<<<<<<<<4")).toBe(truth);
  });

  it("does not repair a changed digit into a valid zone", () => {
    const tampered = changeMrzDigit(MRZ);
    expect(repairTd3(tampered.join("\n"))?.lines).toEqual(tampered);
  });

  it("finds nothing when no two MRZ-looking lines are there", () => {
    expect(repairTd3("PASSPORT\nSOME TEXT")).toBeNull();
  });
});

// Reads tesseract made of generated passports (blurred, compressed, brightened), with the true lines.
describe("MRZ repair of a line one character short or long", () => {
  it("puts back a composite check digit dropped at the end of the line", () => {
    const read = "P<POLROSSI<<GRETA<<<<<<<<<LLLLLLLLLLLLLLLLLL\nR741058769P0L0107079F3309265<<<<<<<<<<<<<<<";
    expect(repairTd3(read)?.lines).toEqual(["P<POLROSSI<<GRETA<<<<<<<<<<<<<<<<<<<<<<<<<<<", "R741058769POL0107079F3309265<<<<<<<<<<<<<<<0"]);
  });

  it("puts back a filler dropped from the run", () => {
    expect(line2("J504113218PRT0102133F3108170<<<<<<<<<<<<<<8")).toBe("J504113218PRT0102133F3108170<<<<<<<<<<<<<<<8");
  });

  it("removes a doubled character", () => {
    expect(line2("Z2677292352ITA9504028F3507072<<<<<<<<<<<<<<<6")).toBe("Z677292352ITA9504028F3507072<<<<<<<<<<<<<<<6");
    expect(line2("Q0733990014NGA6711115F3102260<<<<<<<<<<<<<<<4")).toBe("Q733990014NGA6711115F3102260<<<<<<<<<<<<<<<4");
  });

  it("accepts none when several lines would hold: a dropped 1 could be 1, B, L or V to every check digit", () => {
    const dropped = `${MRZ[1].slice(0, 1)}${MRZ[1].slice(2)}`.replace("I865", "I8"); // any 43-character line missing a number character
    const short = `I86557284${MRZ[1].slice(9)}`.replace("I86557284", "I8655784").slice(0, 43);
    for (const read of [dropped.slice(0, 43), short]) expect(line2ChecksHold(line2(read)!)).toBe(false);
    const oneDropped = "L25524619SWE8311265M3204083<<<<<<<<<<<<<<<6"; // "L255246119": one of its two 1s gone
    expect(line2ChecksHold(line2(oneDropped)!)).toBe(false);
  });

  it("never turns a true line with one character dropped or doubled into another line whose check digits hold", () => {
    const truths = ["Z677292352ITA9504028F3507072<<<<<<<<<<<<<<<6", "R437802632KEN8601159F3212275<<<<<<<<<<<<<<<4", MRZ[1]];
    for (const truth of truths) {
      for (let at = 0; at < truth.length; at++) {
        for (const read of [truth.slice(0, at) + truth.slice(at + 1), truth.slice(0, at) + truth[at] + truth.slice(at)]) {
          const repaired = line2(read)!;
          if (repaired !== truth) expect(line2ChecksHold(repaired), `${read} → ${repaired}`).toBe(false);
        }
      }
    }
  });

  it("takes out a digit OCR read beside the letter it looks like in the names", () => {
    expect(repairTd3(`P<NGAOKAFOR<<R0OSA<<<<<<<<<<<<<<<<LLLL<LLLLL<\n${MRZ[1]}`)?.lines[0]).toBe("P<NGAOKAFOR<<ROSA<<<<<<<<<<<<<<<<<<<<<<<<<<<");
    expect(repairTd3(`P<PRTVAN<DER<BERG<<0OSKAR<<<<<<<<<<<<<<<<<<<<\n${MRZ[1]}`)?.lines[0]).toBe("P<PRTVAN<DER<BERG<<OSKAR<<<<<<<<<<<<<<<<<<<<");
  });
});
