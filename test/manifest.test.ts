/**
 * manifest.xml as Office reads it: well-formed, elements in the schema's order, every resource
 * reference resolvable, the shared runtime wired consistently, https everywhere, and the files
 * it names present at the sizes it claims.
 *
 * Element orders and limits are Microsoft's: the OfficeApp 1.1 and TaskPaneAppVersionOverrides
 * 1.0 schemas ([MS-OWEMXML]), "Configure your Office Add-in to use a shared runtime" and the
 * Excel-Custom-Functions template's manifest.
 */
import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "./support/expect";
import { pngSize } from "./support/png";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, "dist");
const ASSETS = path.join(ROOT, "assets");
const DEV_ORIGIN = "https://localhost:3000/";
const manifestText = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown>;

/** fast-xml-parser's order-preserving output, turned into plain elements. */
function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as OrderedNode[]) {
    const name = Object.keys(node).find((key) => key !== ":@");
    if (name === undefined || name === "#text" || name.startsWith("?")) continue;
    const rawAttributes = (node[":@"] ?? {}) as Record<string, unknown>;
    const attributes = Object.fromEntries(
      Object.entries(rawAttributes).map(([key, value]) => [key, String(value)])
    );
    const content = node[name] as OrderedNode[];
    const text = content
      .map((child) => (typeof child["#text"] === "string" ? child["#text"] : ""))
      .join("")
      .trim();
    elements.push({ name, attributes, children: toElements(content), text });
  }
  return elements;
}

function parseManifest(xml: string): XmlElement {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const [root] = toElements(parser.parse(xml));
  if (!root) throw new Error("manifest.xml has no root element");
  return root;
}

function child(parent: XmlElement, name: string): XmlElement {
  const found = parent.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${parent.name}> has no <${name}>`);
  return found;
}

/** Follows a path of child names, e.g. path(root, "VersionOverrides", "Hosts", "Host"). */
function at(parent: XmlElement, ...names: string[]): XmlElement {
  return names.reduce(child, parent);
}

function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((c) => [c, ...descendants(c)]);
}

function extensionPoint(parent: XmlElement, type: string): XmlElement {
  const found = parent.children.find(
    (c) => c.name === "ExtensionPoint" && c.attributes["xsi:type"] === type
  );
  if (!found) throw new Error(`<${parent.name}> has no ExtensionPoint of type ${type}`);
  return found;
}

/** Asserts that the children of `element` appear in the order the schema's sequence gives. */
function expectSchemaOrder(element: XmlElement, sequence: string[]): void {
  const names = element.children.map((c) => c.name);
  for (const name of names) {
    expect(sequence, `<${name}> is not allowed in <${element.name}>`).toContain(name);
  }
  const positions = names.map((name) => sequence.indexOf(name));
  const sorted = [...positions].sort((a, b) => a - b);
  expect(positions, `children of <${element.name}>: ${names.join(", ")}`).toEqual(sorted);
}

const root = parseManifest(manifestText);
const versionOverrides = child(root, "VersionOverrides");
const host = at(versionOverrides, "Hosts", "Host");
const resources = child(versionOverrides, "Resources");
const customFunctions = extensionPoint(child(host, "AllFormFactors"), "CustomFunctions");
const desktop = child(host, "DesktopFormFactor");

type ResourceKind = "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings";
const RESOURCE_KINDS: ResourceKind[] = [
  "bt:Images",
  "bt:Urls",
  "bt:ShortStrings",
  "bt:LongStrings",
];

interface Resource {
  kind: ResourceKind;
  id: string;
  value: string;
}

const resourceList: Resource[] = RESOURCE_KINDS.flatMap((kind) =>
  child(resources, kind).children.map((r) => ({
    kind,
    id: r.attributes.id ?? "",
    value: r.attributes.DefaultValue ?? "",
  }))
);
const resourceById = new Map(resourceList.map((r) => [r.id, r]));

function resource(id: string | undefined): Resource {
  const found = id === undefined ? undefined : resourceById.get(id);
  if (!found) throw new Error(`no resource with id ${id}`);
  return found;
}

/** Which kind of resource an element's resid must name. */
function expectedKind(element: XmlElement): ResourceKind {
  switch (element.name) {
    case "bt:Image":
      return "bt:Images";
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "bt:Urls";
    case "Description":
      return "bt:LongStrings";
    default:
      return "bt:ShortStrings"; // Label, Title, Namespace
  }
}

const references = descendants(root).filter((e) => e.attributes.resid !== undefined);

describe("manifest.xml", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(manifestText)).toBe(true);
  });

  it("is a task pane add-in for Excel with a GUID id and a four-part version", () => {
    expect(root.name).toBe("OfficeApp");
    expect(root.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(child(root, "Id").text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    );
    expect(child(root, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(root, "DefaultLocale").text).toBe("en-US");
    expect(child(root, "Hosts").children.map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(host.attributes["xsi:type"]).toBe("Workbook");
    expect(child(root, "Permissions").text).toBe("ReadWriteDocument");
  });

  describe("element order follows the schema", () => {
    it("in OfficeApp", () => {
      expectSchemaOrder(root, [
        "Id",
        "AlternateId",
        "Version",
        "ProviderName",
        "DefaultLocale",
        "DisplayName",
        "Description",
        "IconUrl",
        "HighResolutionIconUrl",
        "SupportUrl",
        "AppDomains",
        "Hosts",
        "Requirements",
        "DefaultSettings",
        "Permissions",
        "AllowSnapshot",
        "Dictionary",
        "VersionOverrides",
        "ExtendedOverrides",
      ]);
    });

    it("in VersionOverrides and the Workbook host (Runtimes first)", () => {
      expectSchemaOrder(versionOverrides, [
        "Description",
        "Requirements",
        "Hosts",
        "Resources",
        "WebApplicationInfo",
        "EquivalentAddins",
      ]);
      expectSchemaOrder(host, ["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
      expect(host.children[0]?.name).toBe("Runtimes");
    });

    it("in the CustomFunctions extension point and the desktop form factor", () => {
      expectSchemaOrder(customFunctions, ["Script", "Page", "Metadata", "Namespace"]);
      expectSchemaOrder(desktop, ["GetStarted", "FunctionFile", "ExtensionPoint"]);
      expectSchemaOrder(child(desktop, "GetStarted"), ["Title", "Description", "LearnMoreUrl"]);
    });

    it("in the ribbon button", () => {
      const group = at(extensionPoint(desktop, "PrimaryCommandSurface"), "OfficeTab", "Group");
      expectSchemaOrder(group, ["Label", "Icon", "Control"]);
      const button = child(group, "Control");
      expectSchemaOrder(button, ["Label", "Supertip", "Icon", "Action"]);
      expectSchemaOrder(child(button, "Supertip"), ["Title", "Description"]);
      expectSchemaOrder(child(button, "Action"), ["TaskpaneId", "SourceLocation", "Title"]);
    });

    it("in Resources", () => {
      expectSchemaOrder(resources, RESOURCE_KINDS);
    });
  });

  describe("resources", () => {
    it("resolves every resid to a resource of the right kind", () => {
      expect(references.length).toBeGreaterThan(10);
      for (const reference of references) {
        const id = reference.attributes.resid;
        expect(resourceById.has(id ?? ""), `<${reference.name} resid="${id}">`).toBe(true);
        expect(resource(id).kind, `<${reference.name} resid="${id}">`).toBe(
          expectedKind(reference)
        );
      }
    });

    it("uses every resource it defines", () => {
      const used = new Set(references.map((r) => r.attributes.resid));
      const unused = resourceList.filter((r) => !used.has(r.id)).map((r) => r.id);
      expect(unused).toEqual([]);
    });

    it("has unique ids of at most 32 characters", () => {
      const ids = resourceList.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of [...ids, ...references.map((r) => r.attributes.resid ?? "")]) {
        expect(id.length, id).toBeGreaterThan(0);
        expect(id.length, id).toBeLessThanOrEqual(32);
      }
    });

    it("keeps short strings within 125 characters and long strings within 250", () => {
      for (const r of resourceList) {
        expect(r.value.length, r.id).toBeGreaterThan(0);
        if (r.kind === "bt:ShortStrings") expect(r.value.length, r.id).toBeLessThanOrEqual(125);
        if (r.kind === "bt:LongStrings") expect(r.value.length, r.id).toBeLessThanOrEqual(250);
      }
      expect(child(root, "DisplayName").attributes.DefaultValue?.length).toBeLessThanOrEqual(125);
      expect(child(root, "Description").attributes.DefaultValue?.length).toBeLessThanOrEqual(250);
    });
  });

  it("uses https for every URL", () => {
    const urls = descendants(root)
      .flatMap((e) => [e.attributes.DefaultValue, e.attributes.Value])
      .filter(
        (value): value is string => value !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
      );
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  it("runs the task pane and the custom functions in one long-lived shared runtime", () => {
    const runtimes = child(host, "Runtimes").children;
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0];
    expect(runtime?.attributes.lifetime).toBe("long");
    const shared = runtime?.attributes.resid;
    expect(at(customFunctions, "Page", "SourceLocation").attributes.resid).toBe(shared);
    expect(child(desktop, "FunctionFile").attributes.resid).toBe(shared);
    // The ribbon button opens the same page, which is also the default task pane.
    const action = at(
      extensionPoint(desktop, "PrimaryCommandSurface"),
      "OfficeTab",
      "Group",
      "Control",
      "Action"
    );
    expect(action.attributes["xsi:type"]).toBe("ShowTaskpane");
    expect(child(action, "SourceLocation").attributes.resid).toBe(shared);
    expect(resource(shared).value).toBe(
      at(root, "DefaultSettings", "SourceLocation").attributes.DefaultValue
    );
    expect(resource(shared).value).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  it("declares the SharedRuntime and CustomFunctionsRuntime requirement sets", () => {
    const sets = new Map(
      at(root, "Requirements", "Sets").children.map((s) => [
        s.attributes.Name,
        s.attributes.MinVersion,
      ])
    );
    expect(sets.get("SharedRuntime")).toBe("1.1");
    // CustomFunctions.Error needs 1.2; the ErrorCode values and #N/A messages need 1.3.
    expect(Number(sets.get("CustomFunctionsRuntime"))).toBeGreaterThanOrEqual(1.3);
  });

  // No offline copy of Microsoft's XSD schemas exists in node_modules: office-addin-manifest
  // (and its dependencies) ship none, and `npm run validate` sends the manifest to Microsoft's
  // online service. So these checks restate what the schemas (OfficeApp 1.1,
  // TaskPaneAppVersionOverrides 1.0, OfficeAppBasicTypes 1.0; [MS-OWEMXML]) require beyond
  // element order, for the parts this manifest uses.
  describe("what Microsoft's schema requires (checked offline)", () => {
    it("uses the OfficeApp 1.1 and task pane VersionOverrides 1.0 namespaces", () => {
      expect(root.attributes.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
      expect(root.attributes["xmlns:bt"]).toBe(
        "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
      );
      expect(versionOverrides.attributes.xmlns).toBe(
        "http://schemas.microsoft.com/office/taskpaneappversionoverrides"
      );
      expect(versionOverrides.attributes["xsi:type"]).toBe("VersionOverridesV1_0");
    });

    it("has every element a task pane add-in must have, once", () => {
      for (const name of [
        "Id",
        "Version",
        "ProviderName",
        "DefaultLocale",
        "DisplayName",
        "Description",
        "DefaultSettings",
        "Permissions",
      ])
        expect(
          root.children.filter((c) => c.name === name),
          name
        ).toHaveLength(1);
      expect(child(root, "ProviderName").text.length).toBeGreaterThan(0);
      expect(at(root, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toMatch(
        /^https:\/\//
      );
    });

    it("gives every requirement set a name and a major.minor version", () => {
      const sets = at(root, "Requirements", "Sets");
      expect(sets.attributes.DefaultMinVersion ?? "1.1").toMatch(/^\d+\.\d+$/);
      expect(sets.children.length).toBeGreaterThan(0);
      for (const set of sets.children) {
        expect(set.name).toBe("Set");
        expect(set.attributes.Name, JSON.stringify(set.attributes)).toMatch(/^[A-Za-z]+$/);
        expect(set.attributes.MinVersion ?? "", set.attributes.Name).toMatch(/^\d+\.\d+$/);
      }
      const names = sets.children.map((set) => set.attributes.Name);
      expect(new Set(names).size).toBe(names.length);
    });

    it("keeps every URL within 2048 characters and every locale a language tag", () => {
      for (const element of descendants(root)) {
        for (const key of ["DefaultValue", "Value"]) {
          const value = element.attributes[key];
          if (value?.startsWith("https://")) expect(value.length, value).toBeLessThanOrEqual(2048);
        }
        const locale = element.attributes.Locale;
        if (locale !== undefined) expect(locale).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})+$/);
      }
    });

    it("uses icon sizes the schema allows, and unique group and control ids of at most 125 characters", () => {
      const images = descendants(versionOverrides).filter(
        (e) => e.name === "bt:Image" && e.attributes.size !== undefined
      );
      expect(images.length).toBeGreaterThan(0);
      for (const image of images)
        expect(["16", "20", "24", "32", "40", "48", "64", "80"]).toContain(image.attributes.size);
      const ids = descendants(desktop)
        .filter((e) => e.name === "Group" || e.name === "Control")
        .map((e) => e.attributes.id ?? "");
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id.length, id).toBeGreaterThan(0);
        expect(id.length, id).toBeLessThanOrEqual(125);
      }
    });

    it("gives the runtime a lifetime the schema knows", () => {
      for (const runtime of child(host, "Runtimes").children)
        expect(["short", "long"]).toContain(runtime.attributes.lifetime);
    });
  });

  it("names the CRM namespace", () => {
    expect(resource(child(customFunctions, "Namespace").attributes.resid).value).toBe("CRM");
  });

  it("loads functions.js and functions.json from the dev server", () => {
    const script = resource(at(customFunctions, "Script", "SourceLocation").attributes.resid);
    const metadata = resource(at(customFunctions, "Metadata", "SourceLocation").attributes.resid);
    expect(script.value).toBe(`${DEV_ORIGIN}functions.js`);
    expect(metadata.value).toBe(`${DEV_ORIGIN}functions.json`);
  });

  const distBuilt = fs.existsSync(path.join(DIST, "taskpane.html"));
  if (!distBuilt) {
    console.warn("manifest.test: dist/ is not built, so the built-file checks are skipped.");
  }
  it("names files that the build puts in dist/ (skipped without a build)", function () {
    if (!distBuilt) this.skip();
    const served = [
      resource(at(customFunctions, "Script", "SourceLocation").attributes.resid).value,
      resource(at(customFunctions, "Metadata", "SourceLocation").attributes.resid).value,
      resource(at(customFunctions, "Page", "SourceLocation").attributes.resid).value,
    ];
    for (const url of served) {
      const file = path.join(DIST, new URL(url).pathname);
      expect(fs.existsSync(file), `${url} → ${path.relative(ROOT, file)}`).toBe(true);
    }
  });

  describe("Chinese overrides", () => {
    const SIMPLIFIED = ["zh-CN", "zh-SG"];
    const TRADITIONAL = ["zh-TW", "zh-HK", "zh-MO"];
    const isOverride = (e: XmlElement) => e.name === "Override" || e.name === "bt:Override";
    const overridesOf = (element: XmlElement) => element.children.filter(isOverride);
    /** Every element with Override children, by its resource id or its own name. */
    const localised = new Map(
      descendants(root)
        .filter((e) => overridesOf(e).length > 0)
        .map((e) => [e.attributes.id ?? e.name, e])
    );
    const valueIn = (element: XmlElement, locale: string) =>
      overridesOf(element).find((o) => o.attributes.Locale === locale)?.attributes.Value;

    it("translate the name, description, support page, function metadata, reference and every UI string", () => {
      const strings = resourceList
        .filter((r) => r.kind === "bt:ShortStrings" || r.kind === "bt:LongStrings")
        .map((r) => r.id)
        .filter((id) => id !== "Functions.Namespace");
      expect([...localised.keys()].sort()).toEqual(
        [
          "DisplayName",
          "Description",
          "SupportUrl",
          "Functions.Metadata.Url",
          "Reference.Url",
          ...strings,
        ].sort()
      );
    });

    it("keep the namespace, the script, the shared runtime page and the icons in every language", () => {
      for (const id of ["Functions.Namespace", "Functions.Script.Url", "Taskpane.Url"])
        expect(localised.has(id), id).toBe(false);
      for (const r of resourceList.filter((r) => r.kind === "bt:Images"))
        expect(localised.has(r.id), r.id).toBe(false);
    });

    it("give simplified text to zh-CN and zh-SG and traditional text to zh-TW, zh-HK and zh-MO", () => {
      for (const [id, element] of localised) {
        const locales = overridesOf(element).map((o) => o.attributes.Locale);
        expect(locales, id).toEqual([...SIMPLIFIED, ...TRADITIONAL]);
        const simplified = valueIn(element, "zh-CN");
        const traditional = valueIn(element, "zh-TW");
        expect(simplified, id).not.toBe(traditional);
        for (const locale of SIMPLIFIED)
          expect(valueIn(element, locale), `${id} ${locale}`).toBe(simplified);
        for (const locale of TRADITIONAL)
          expect(valueIn(element, locale), `${id} ${locale}`).toBe(traditional);
      }
    });

    it("use the bt: namespace inside Resources and the default one on OfficeApp's own elements", () => {
      for (const element of descendants(resources).filter((e) => overridesOf(e).length > 0))
        expect(
          overridesOf(element).every((o) => o.name === "bt:Override"),
          element.attributes.id
        ).toBe(true);
      for (const name of ["DisplayName", "Description", "SupportUrl"])
        expect(
          overridesOf(child(root, name)).every((o) => o.name === "Override"),
          name
        ).toBe(true);
    });

    it("stay within the length limits", () => {
      for (const [id, element] of localised) {
        const kind = resourceById.get(id)?.kind;
        const limit =
          kind === "bt:LongStrings" || id === "Description"
            ? 250
            : kind === "bt:ShortStrings" || id === "DisplayName"
              ? 125
              : 2048;
        for (const o of overridesOf(element)) {
          expect(o.attributes.Value?.length, `${id} ${o.attributes.Locale}`).toBeGreaterThan(0);
          expect(o.attributes.Value?.length, `${id} ${o.attributes.Locale}`).toBeLessThanOrEqual(
            limit
          );
        }
      }
    });

    it("select functions.zh-CN.json and functions.zh-TW.json and the reference in the same language", () => {
      const metadata = localised.get(
        at(customFunctions, "Metadata", "SourceLocation").attributes.resid ?? ""
      );
      expect(metadata).toBeDefined();
      expect(valueIn(metadata!, "zh-CN")).toBe(`${DEV_ORIGIN}functions.zh-CN.json`);
      expect(valueIn(metadata!, "zh-TW")).toBe(`${DEV_ORIGIN}functions.zh-TW.json`);
      for (const id of ["SupportUrl", "Reference.Url"]) {
        expect(valueIn(localised.get(id)!, "zh-CN"), id).toBe(`${DEV_ORIGIN}reference/zh-CN.html`);
        expect(valueIn(localised.get(id)!, "zh-TW"), id).toBe(`${DEV_ORIGIN}reference/zh-TW.html`);
      }
    });

    it("name only files that the build puts in dist/ (skipped without a build)", function () {
      if (!distBuilt) this.skip();
      const urls = [...localised.values()]
        .flatMap(overridesOf)
        .map((o) => o.attributes.Value ?? "")
        .filter((value) => value.startsWith("https://"));
      expect(urls.length).toBeGreaterThanOrEqual(15);
      for (const url of urls) {
        expect(url.startsWith(DEV_ORIGIN), url).toBe(true);
        const file = path.join(DIST, new URL(url).pathname);
        expect(fs.existsSync(file), `${url} → ${path.relative(ROOT, file)}`).toBe(true);
      }
    });
  });

  it("names icons that exist in assets/ at the sizes it claims", () => {
    const icons: { url: string; size: number }[] = [
      { url: child(root, "IconUrl").attributes.DefaultValue ?? "", size: 32 },
      { url: child(root, "HighResolutionIconUrl").attributes.DefaultValue ?? "", size: 64 },
      ...descendants(versionOverrides)
        .filter((e) => e.name === "bt:Image" && e.attributes.size !== undefined)
        .map((e) => ({ url: resource(e.attributes.resid).value, size: Number(e.attributes.size) })),
    ];
    expect(icons.length).toBeGreaterThanOrEqual(8);
    for (const { url, size } of icons) {
      expect(url.startsWith(`${DEV_ORIGIN}assets/`), url).toBe(true);
      const file = path.join(ASSETS, url.slice(`${DEV_ORIGIN}assets/`.length));
      expect(fs.existsSync(file), file).toBe(true);
      expect(pngSize(file), url).toEqual({ width: size, height: size });
    }
  });
});
