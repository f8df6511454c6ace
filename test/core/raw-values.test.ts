import { absent, known, unknown } from "../../policies/core/facts";
import { formatPath, readBoolean, readJsonEncoded, readNumber, readRaw, readString, unknownPaths } from "../../policies/core/raw-values";
import { parseArn, backupVaultNameFromArn, accountOfRoleArn } from "../../policies/aws/arn";

const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" };

describe("reading raw property values", () => {
  const props = { rules: [{ name: "d", copies: U, deep: { n: 3, s: "4", b: "true" } }], secret: SECRET, j: '["a"]', bad: "{" };

  it("tells known, unknown and absent apart, with the path as evidence", () => {
    expect(readString(props, ["rules", 0, "name"])).toEqual(known("d", "rules[0].name"));
    expect(readRaw(props, ["rules", 0, "copies"])).toEqual(unknown("rules[0].copies unknown during preview"));
    expect(readRaw(props, ["rules", 0, "copies", 0, "arn"])).toEqual(unknown("rules[0].copies unknown during preview"));
    expect(readRaw(props, ["rules", 1, "name"])).toEqual(absent("rules[1] not set"));
    expect(readRaw(props, ["nothing"])).toEqual(absent("nothing not set"));
  });

  it("reads numbers and booleans sent as strings, and refuses other types as absent with a reason", () => {
    expect(readNumber(props, ["rules", 0, "deep", "n"])).toEqual(known(3, "rules[0].deep.n"));
    expect(readNumber(props, ["rules", 0, "deep", "s"])).toEqual(known(4, "rules[0].deep.s"));
    expect(readBoolean(props, ["rules", 0, "deep", "b"])).toEqual(known(true, "rules[0].deep.b"));
    expect(readNumber(props, ["rules", 0, "name"])).toEqual(absent("rules[0].name is not a number"));
    expect(readString(props, ["rules", 0, "deep"])).toEqual(absent("rules[0].deep is not a string"));
  });

  it("unwraps secrets and decodes JSON-encoded provider settings", () => {
    expect(readString(props, ["secret"])).toEqual(known("s3cr3t", "secret"));
    expect(readJsonEncoded(props, ["j"])).toEqual(known(["a"], "j"));
    expect(readJsonEncoded(props, ["bad"])).toEqual(absent("bad is not valid JSON"));
  });

  it("lists every unknown path", () => {
    expect(unknownPaths(props).map(formatPath)).toEqual(["rules[0].copies"]);
  });
});

describe("ARNs", () => {
  it("parses vault, role and partition variants, and refuses what is not an ARN", () => {
    expect(parseArn("arn:aws:backup:eu-west-3:111111111111:backup-vault:a:b")).toEqual({ partition: "aws", service: "backup", region: "eu-west-3", account: "111111111111", resource: "backup-vault:a:b" });
    expect(backupVaultNameFromArn(parseArn("arn:aws-us-gov:backup:us-gov-west-1:111111111111:backup-vault:v")!)).toBe("v");
    expect(accountOfRoleArn("arn:aws:iam::222222222222:role/path/r")).toBe("222222222222");
    expect(accountOfRoleArn("arn:aws:s3:::bucket")).toBeUndefined();
    expect(parseArn("arn:aws:s3:::bucket")).toEqual({ partition: "aws", service: "s3", region: "", account: "", resource: "bucket" });
    expect(parseArn("not an arn")).toBeUndefined();
    expect(parseArn("arn:aws:backup:eu-west-3:12345:backup-vault:v")).toBeUndefined();
  });
});
