// The pack's entry point (policypack/package.json "main"). Constructing a PolicyPack starts the gRPC
// server and prints its port: nothing else may import this module.
import { PolicyPack } from "@pulumi/policy";
import { RULES } from "../rules";
import { unknownNameReports, watchConfigure } from "./configure-watch";
import { PACK_NAME, packEnvironment, policyPackArgs } from "./pack-args";

const environment = packEnvironment();
const policies = RULES.map((rule) => rule.meta.id);
// Before the PolicyPack starts its server: see every policy name the engine configures.
watchConfigure((configured) => environment.session.setConfigReports(unknownNameReports(configured, policies)));
new PolicyPack(PACK_NAME, policyPackArgs(environment));
