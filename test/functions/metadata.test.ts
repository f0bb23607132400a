/**
 * The generated functions.json, as Excel reads it, and its agreement with the built bundle and
 * the function reference page.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "../support/expect";
import { DIST, loadBuiltAddin } from "../support/builtAddin";

const { metadata, implementations } = loadBuiltAddin();
const functions = metadata.functions;

describe("functions.json", () => {
  it("lists the functions", () => {
    expect(functions.length).toBeGreaterThanOrEqual(9);
  });

  it("gives every function a description and every parameter a description", () => {
    for (const fn of functions) {
      expect(fn.description?.trim(), `${fn.id} description`).toBeTruthy();
      for (const p of fn.parameters)
        expect(p.description?.trim(), `${fn.id}(${p.name}) description`).toBeTruthy();
    }
  });

  it("has unique, valid ids and names (letters, digits, period, underscore; names start with a letter)", () => {
    const ids = functions.map((f) => f.id.toUpperCase());
    const names = functions.map((f) => f.name.toUpperCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const fn of functions) {
      expect(fn.id).toMatch(/^[A-Z0-9._]{1,128}$/);
      expect(fn.name).toMatch(/^\p{L}[\p{L}0-9._]{0,127}$/u);
      // An upper-case name reads like Excel's own functions.
      expect(fn.name).toBe(fn.name.toUpperCase());
    }
  });

  it("names parameters in Excel's snake_case with unique names per function", () => {
    for (const fn of functions) {
      const names = fn.parameters.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it("puts every optional parameter after the required ones", () => {
    for (const fn of functions) {
      const firstOptional = fn.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) {
        expect(
          fn.parameters.slice(firstOptional).every((p) => p.optional),
          fn.id
        ).toBe(true);
      }
    }
  });

  it("declares no volatile or streaming function (results depend only on their inputs)", () => {
    for (const fn of functions) {
      expect(fn.options?.volatile, fn.id).toBeFalsy();
      expect(fn.options?.stream, fn.id).toBeFalsy();
    }
  });

  it("matches the functions the bundle associates, one to one", () => {
    expect([...implementations.keys()].sort()).toEqual(
      functions.map((f) => f.id.toUpperCase()).sort()
    );
  });

  it("points every help link at the function's own section of the reference page", () => {
    const page = fs.readFileSync(path.join(DIST, "reference", "index.html"), "utf8");
    for (const fn of functions) {
      expect(fn.helpUrl, fn.id).toMatch(/^https:\/\/.+\/reference\/index\.html#[a-z0-9-]+$/);
      const anchor = fn.helpUrl!.split("#")[1];
      expect(page, `${fn.id} → #${anchor}`).toContain(`id="${anchor}"`);
    }
  });
});

describe("function reference page", () => {
  const page = fs.readFileSync(path.join(DIST, "reference", "index.html"), "utf8");

  it("documents every function with its definition, arguments, errors and an example", () => {
    for (const fn of functions) {
      const start = page.indexOf(
        `<section id="${fn.id.toLowerCase().replace(/[^a-z0-9]+/g, "-")}"`
      );
      expect(start, fn.id).toBeGreaterThan(0);
      const end = page.indexOf("</section>", start);
      const section = page.slice(start, end);
      for (const heading of ["Definition", "Arguments", "Returns", "Errors", "Example"]) {
        expect(section, `${fn.id} ${heading}`).toContain(`<h3>${heading}</h3>`);
      }
      for (const p of fn.parameters)
        expect(section, `${fn.id} ${p.name}`).toContain(`<code>${p.name}</code>`);
      expect(section).toMatch(/<code>#[A-Z0-9/!?]+<\/code>/);
      expect(section).toContain(`=CRM.${fn.name}(`);
    }
  });

  it("explains the conventions every function shares", () => {
    expect(page).toContain('id="conventions"');
    expect(page).toContain("Rates are fractions");
  });
});
