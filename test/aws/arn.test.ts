import { backupVaultArnProblem } from "../../policies/aws/arn";

describe("why a string is not an AWS Backup vault ARN", () => {
  it("accepts a backup vault ARN of any AWS partition", () => {
    expect(backupVaultArnProblem("arn:aws:backup:eu-west-3:111111111111:backup-vault:primary")).toBeUndefined();
    expect(backupVaultArnProblem("arn:aws-us-gov:backup:us-gov-west-1:111111111111:backup-vault:dr")).toBeUndefined();
  });

  it.each([
    ["not-an-arn", "it does not have the form arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME"],
    ["arn:azure:backup:eu-west-3:111111111111:backup-vault:dr", 'its partition "azure" is not an AWS partition'],
    ["arn:aws:s3:::bucket", 'its service is "s3", not backup'],
    ["arn:aws:backup::111111111111:backup-vault:dr", 'its region "" is not an AWS region'],
    ["arn:aws:backup:eu-west-3:1111:backup-vault:dr", 'its account "1111" is not a 12-digit account ID'],
    ["arn:aws:backup:eu-west-3:111111111111:backup-plan:daily", 'its resource "backup-plan:daily" is not backup-vault:NAME'],
  ])("names the first wrong field of %s", (value, problem) => {
    expect(backupVaultArnProblem(value)).toBe(problem);
  });

  it("says when a Promise or an Output was interpolated into the ARN", () => {
    expect(backupVaultArnProblem("arn:aws:backup:us-west-2:[object Promise]:backup-vault:dr")).toBe(
      'its account "[object Promise]" is not a 12-digit account ID: a Promise or an Output was interpolated into the string (build it with pulumi.interpolate or apply)',
    );
    expect(backupVaultArnProblem("arn:aws:backup:us-west-2:Calling [toString] on an [Output<T>] is not supported.:backup-vault:dr")).toMatch(
      /^its account "Calling \[toString\] on an \[Output<T>\] is not supported\." is not a 12-digit account ID: a Promise or an Output was interpolated/,
    );
  });
});
