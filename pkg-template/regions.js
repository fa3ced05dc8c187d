// @ts-check
// Generated from the region table (src/regions.rs) by src/codegen/mod.rs. Do not edit.

/** The IMS region ids. */
export const regions = [
  "af-south-1",
  "cn-north-4",
  "cn-north-1",
  "cn-east-2",
  "cn-east-3",
  "cn-south-1",
  "cn-southwest-2",
  "ap-southeast-2",
  "ap-southeast-1",
  "ap-southeast-3",
  "cn-north-2",
  "cn-south-2",
  "cn-north-9",
  "la-south-2",
  "sa-brazil-1",
  "la-north-2",
  "na-mexico-1",
  "ap-southeast-4",
  "cn-south-4",
  "tr-west-1",
  "me-east-1",
  "ae-ad-1",
  "eu-west-101",
  "cn-east-5",
  "eu-west-0",
  "my-kualalumpur-1",
];
